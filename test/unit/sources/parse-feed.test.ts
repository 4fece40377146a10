import fc from 'fast-check';
import { parseFeed, parseFeedJson } from '../../../lib/sources/parse-feed';
import { SourceEntrySchema } from '../../../lib/sources/source-entry-schema';
import { feedText } from './feed-fixtures';

describe('parseFeed', () => {
  it.each([
    ['hyper-2024-10-final.json', 'hyper', 5, 0],
    ['hyper-bad-entries.json', 'hyper', 3, 13],
    ['directory-tests.json', 'directory-tests', 5, 3],
    ['directory-working.json', 'directory-working', 3, 3],
    ['cobalt-best-old.json', 'cobalt-best', 3, 2],
    ['cobalt-best-new.json', 'cobalt-best', 5, 3],
  ])(
    '%s → %s (%i usable, %i dropped), tagged with the source id',
    (name, format, usable, dropped) => {
      const source = 'custom:https://lists.example.com/feed.json' as const;
      const result = parseFeed(feedText(name), source);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.format).toBe(format);
      expect(result.entries).toHaveLength(usable);
      expect(result.dropped).toHaveLength(dropped);
      expect(new Set(result.entries.map((entry) => entry.source))).toEqual(new Set([source]));
    },
  );

  it.each([
    ['', 'The answer was empty'],
    ['  \n', 'The answer was empty'],
    [
      '<!doctype html><html><body>Just a moment...</body></html>',
      'The answer is a web page, not a JSON instance list',
    ],
    ['<html><head></head></html>', 'The answer is a web page, not a JSON instance list'],
    ['[{"api": "cobalt.example.com", "api_online": tr', 'The answer is not valid JSON'],
    ['instances.hyper.lol is moving', 'The answer is not valid JSON'],
    ['null', 'The answer is JSON but not a known instance list'],
    ['[]', 'The feed lists no instances'],
    ['{"error":"bad type"}', 'The answer is JSON but not a known instance list'],
  ])('%j → %s', (text, error) => {
    expect(parseFeed(text, 'hyper')).toEqual({ ok: false, error });
  });

  it('ignores a byte-order mark', () => {
    const result = parseFeed(`\uFEFF${feedText('hyper-2024-08-trust.json')}`, 'hyper');
    expect(result.ok && result.entries).toHaveLength(4);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const result = parseFeed(text, 'hyper');
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });

  const entryLike = fc.record(
    {
      api: fc.oneof(
        fc.domain(),
        fc.webUrl(),
        fc.ipV4(),
        fc.string(),
        fc.integer(),
        fc.constant(null),
      ),
      url: fc.oneof(fc.domain(), fc.string()),
      protocol: fc.oneof(
        fc.constantFrom('http', 'https', 'ftp', 'HTTPS'),
        fc.string(),
        fc.boolean(),
      ),
      trust: fc.oneof(
        fc.constantFrom('safe', 'unknown', 'not_safe', 'offline'),
        fc.integer(),
        fc.jsonValue(),
      ),
      online: fc.oneof(fc.boolean(), fc.record({ api: fc.boolean() }), fc.jsonValue()),
      api_online: fc.jsonValue(),
      version: fc.oneof(fc.constantFrom('7.15', '10.0.0', '11.7.1', 'Offline'), fc.jsonValue()),
      score: fc.oneof(fc.double(), fc.jsonValue()),
      frontEnd: fc.oneof(fc.domain(), fc.constant('None'), fc.jsonValue()),
      frontend: fc.oneof(fc.domain(), fc.jsonValue()),
      services: fc.oneof(
        fc.dictionary(fc.constantFrom('youtube', 'twitch_clips', 'ok.ru', 'vine'), fc.jsonValue()),
        fc.jsonValue(),
      ),
      tests: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
      turnstile: fc.jsonValue(),
    },
    { requiredKeys: [] },
  );

  it('adversarial entries: never throws, every entry is either kept (schema-valid) or dropped', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(entryLike, fc.jsonValue()), { maxLength: 12 }),
        fc.constantFrom('bare', 'envelope'),
        (items, wrap) => {
          const json = wrap === 'bare' ? items : { lastUpdatedUTC: 'x', data: items };
          const result = parseFeedJson(json, 'hyper');
          if (!result.ok) return;
          if (result.format !== 'directory-working') {
            expect(result.entries.length + result.dropped.length).toBe(items.length);
          }
          for (const entry of result.entries) {
            expect(SourceEntrySchema.safeParse(entry).success).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('arbitrary JSON documents never throw', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const result = parseFeedJson(json, 'directory');
        if (result.ok) {
          for (const entry of result.entries) {
            expect(SourceEntrySchema.safeParse(entry).success).toBe(true);
          }
        } else {
          expect(result.error.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

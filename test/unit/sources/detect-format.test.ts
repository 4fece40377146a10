import { detectFormat } from '../../../lib/sources/detect-format';
import { feedJson, sampleJson } from './feed-fixtures';

describe('detectFormat', () => {
  it.each([
    ['hyper-2023-12-url-status.json', 'hyper'],
    ['hyper-2024-04-api-status.json', 'hyper'],
    ['hyper-2024-05-services.json', 'hyper'],
    ['hyper-2024-08-trust.json', 'hyper'],
    ['hyper-2024-10-final.json', 'hyper'],
    ['hyper-bad-entries.json', 'hyper'],
    ['hyper-keyed-results-2025.json', 'hyper'],
    ['directory-tests.json', 'directory-tests'],
    ['directory-working.json', 'directory-working'],
    ['cobalt-best-old.json', 'cobalt-best'],
    ['cobalt-best-new.json', 'cobalt-best'],
  ])('fixture %s → %s', (name, format) => {
    expect(detectFormat(feedJson(name))).toEqual({ ok: true, format });
  });

  it.each([
    ['cobalttester_backend-instances_2024-10-16.json', 'hyper'],
    ['cobalt-directory_backend-instances_2026-05-04.json', 'directory-tests'],
  ])('sample input list %s → %s', (name, format) => {
    expect(detectFormat(sampleJson(name))).toEqual({ ok: true, format });
  });

  it.each([
    [
      'hyper.lol example (wrapped)',
      [sampleJson('instances-hyper-lol_example_v10.0_2024-10-06.json')],
      'hyper',
    ],
    ['string trust', [{ api: 'a.example.com', trust: 'safe' }], 'hyper'],
    ['`frontEnd` casing', [{ api: 'a.example.com', frontEnd: 'None' }], 'hyper'],
    ['2023 `url` + `status`', [{ url: 'a.example.com', status: true }], 'hyper'],
    ['`tests` map', [{ api: 'a.example.com', online: true, tests: {} }], 'directory-tests'],
    [
      'envelope without tell-tale keys',
      { lastUpdatedUTC: 'x', data: [{ api: 'a.example.com' }] },
      'directory-tests',
    ],
    [
      'plain host list',
      [{ api: 'a.example.com', frontend: 'b.example.com', protocol: 'https' }],
      'directory-tests',
    ],
    ['numeric trust', [{ api: 'a.example.com', trust: 90 }], 'cobalt-best'],
    ['`online` object', [{ api: 'a.example.com', online: { api: true } }], 'cobalt-best'],
    [
      'boolean `online` with `services`',
      [{ api: 'a.example.com', online: true, services: {} }],
      'cobalt-best',
    ],
    [
      '`instances` envelope',
      { instances: [{ api: 'a.example.com', nodomain: false }] },
      'cobalt-best',
    ],
    [
      'working map with a malformed slug',
      { data: { youtube: ['https://a.example.com'], tiktok: 'x' } },
      'directory-working',
    ],
    [
      'majority wins over a stray entry',
      [
        { api: 'a.example.com', trust: 'safe' },
        { api: 'b.example.com', trust: 'safe' },
        { api: 'c.example.com', trust: 80 },
      ],
      'hyper',
    ],
    [
      'tie goes to hyper',
      [
        { api: 'a.example.com', trust: 'safe' },
        { api: 'b.example.com', trust: 80 },
      ],
      'hyper',
    ],
  ])('%s → %s', (_label, json, format) => {
    expect(detectFormat(json)).toEqual({ ok: true, format });
  });

  it.each([
    ['empty list', [], 'The feed lists no instances'],
    ['empty envelope', { lastUpdatedUTC: 'x', data: [] }, 'The feed lists no instances'],
    ['list of numbers', [1, 2, 3], 'The list has no instance entries'],
    ['list of URL strings', ['https://a.example.com'], 'The list has no instance entries'],
    ['objects without api', [{ name: 'x' }], 'The list has no instance entries'],
    ['null', null, 'The answer is JSON but not a known instance list'],
    ['number', 42, 'The answer is JSON but not a known instance list'],
    ['empty object', {}, 'The answer is JSON but not a known instance list'],
    ['error object', { error: 'bad type' }, 'The answer is JSON but not a known instance list'],
    ['empty working map', { data: {} }, 'The answer is JSON but not a known instance list'],
  ])('%s → error', (_label, json, reason) => {
    expect(detectFormat(json)).toEqual({ ok: false, reason });
  });
});

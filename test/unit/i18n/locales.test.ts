import { readFileSync, readdirSync, statSync } from 'node:fs';
import { engineI18nKeys } from '../../support/engine-i18n-keys';
import { BATCH_REASON_KEYS } from '../../../lib/batch/batch-queue';
import { join } from 'node:path';
import {
  BATCH_STATE_KEYS,
  EFFECT_KEYS,
  FEED_FAILURE_KEYS,
  ERROR_KIND_HINT_KEYS,
  MANIFEST_KEYS,
  MODE_KEYS,
  NOTICE_KEYS,
  OUTCOME_KEYS,
  PICKER_TYPE_KEYS,
  REASON_PARAMS,
  TRAIL_MESSAGE_KEYS,
  TRUST_KEYS,
  UI_ERROR_KEYS,
} from '../../../components/i18n-keys';
import { REASON } from '../../../lib/rank/reason-keys';
import { TRAIL_MESSAGE_KEYS as SUBMIT_TRAIL_KEYS } from '../../../lib/submit/trail-message-key';
import { USER_ERROR_KEYS } from '../../../lib/submit/user-error';
import {
  createGetMessage,
  placeholderNumbers,
  type LocaleMessages,
} from '../../support/chrome-i18n';
import { downloadFieldKeys } from '../../../lib/ui/download-fields';

const ROOT = process.cwd();
const LOCALES_DIR = join(ROOT, 'public/_locales');
const LANGS = readdirSync(LOCALES_DIR).filter((d) => statSync(join(LOCALES_DIR, d)).isDirectory());
const locales: Record<string, LocaleMessages> = Object.fromEntries(
  LANGS.map((lang) => [
    lang,
    JSON.parse(readFileSync(join(LOCALES_DIR, lang, 'messages.json'), 'utf8')) as LocaleMessages,
  ]),
);
const en = locales.en!;
const enKeys = Object.keys(en).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx)$/.test(f))
    .map((f) => join(ROOT, dir, f));
}
const UI_SOURCES = [
  ...sourceFiles('components'),
  ...sourceFiles('entrypoints/popup'),
  ...sourceFiles('entrypoints/options'),
];

/** Keys written literally in the UI: t('key'), t('key', …), tOr(x, 'key'). */
function literalKeys(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of UI_SOURCES) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) found.set(m[1]!, file);
    for (const m of text.matchAll(/\btOr\([^,()]+(?:\([^()]*\))?,\s*'([A-Za-z0-9_]+)'/g))
      found.set(m[1]!, file);
  }
  return found;
}

/** Keys that reach t() as data or through tables; each list is exported for other modules. */
const LISTED_KEYS: Record<string, readonly string[]> = {
  manifest: MANIFEST_KEYS,
  reasons: Object.keys(REASON_PARAMS),
  rankReasons: Object.values(REASON),
  uiErrors: UI_ERROR_KEYS,
  submitErrors: USER_ERROR_KEYS,
  trail: TRAIL_MESSAGE_KEYS,
  submitTrail: SUBMIT_TRAIL_KEYS,
  errorHints: Object.values(ERROR_KIND_HINT_KEYS),
  modes: Object.values(MODE_KEYS),
  trust: Object.values(TRUST_KEYS),
  outcomes: Object.values(OUTCOME_KEYS),
  pickerTypes: Object.values(PICKER_TYPE_KEYS),
  effects: Object.values(EFFECT_KEYS),
  feedFailures: Object.values(FEED_FAILURE_KEYS),
  notices: NOTICE_KEYS,
  downloadFields: downloadFieldKeys(),
  engine: [...engineI18nKeys().keys()],
  batchStates: Object.values(BATCH_STATE_KEYS),
  batchReasons: Object.values(BATCH_REASON_KEYS),
};

describe('locales', () => {
  it('there is English and at least one more complete locale', () => {
    expect(LANGS).toContain('en');
    expect(LANGS.length).toBeGreaterThanOrEqual(2);
  });

  it.each(LANGS)('%s has exactly the keys of en', (lang) => {
    const keys = Object.keys(locales[lang]!).sort();
    expect(
      keys.filter((k) => !(k in en)),
      'extra keys',
    ).toEqual([]);
    expect(
      enKeys.filter((k) => !keys.includes(k)),
      'missing keys',
    ).toEqual([]);
  });

  it.each(LANGS)('%s: valid names, non-empty messages, placeholders that resolve', (lang) => {
    for (const [key, entry] of Object.entries(locales[lang]!)) {
      expect(key, key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(entry.message.trim(), key).not.toBe('');
      for (const [name, p] of Object.entries(entry.placeholders ?? {})) {
        expect(name, `${key}.${name}`).toMatch(/^[A-Za-z0-9_]+$/);
        expect(p.content, `${key}.${name}`).toMatch(/^\$[1-9]$/);
      }
      for (const m of entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)) {
        const names = Object.keys(entry.placeholders ?? {}).map((n) => n.toLowerCase());
        expect(names, `${lang} ${key} uses $${m[1]}$`).toContain(m[1]!.toLowerCase());
      }
    }
  });

  it.each(LANGS.filter((l) => l !== 'en'))('%s uses the same placeholders as en', (lang) => {
    for (const key of enKeys) {
      const other = locales[lang]![key];
      if (!other) continue;
      expect(placeholderNumbers(other), `${lang} ${key}`).toEqual(placeholderNumbers(en[key]!));
    }
  });

  it('every key the UI source uses literally exists in en', () => {
    const used = literalKeys();
    expect(used.size).toBeGreaterThan(150);
    const missing = [...used].filter(([key]) => !(key in en)).map(([k, f]) => `${k} (${f})`);
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(LISTED_KEYS))('every %s key exists in every locale', (_name, keys) => {
    expect(keys.length).toBeGreaterThan(0);
    for (const lang of LANGS) {
      expect(
        keys.filter((k) => !(k in locales[lang]!)),
        lang,
      ).toEqual([]);
    }
  });

  it('rank reasons take the params REASON_PARAMS documents', () => {
    for (const [key, count] of Object.entries(REASON_PARAMS)) {
      const expected = Array.from({ length: count }, (_, i) => i + 1);
      expect(placeholderNumbers(en[key]!), key).toEqual(expected);
    }
  });

  it('manifest messages exist and fit the store limits', () => {
    const config = readFileSync(join(ROOT, 'wxt.config.ts'), 'utf8');
    const referenced = [...config.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)].map((m) => m[1]!);
    expect(referenced.sort()).toEqual([...MANIFEST_KEYS].sort());
    for (const lang of LANGS) {
      const messages = locales[lang]!;
      expect(messages.extName!.message.length, lang).toBeLessThanOrEqual(45);
      expect(messages.extDescription!.message.length, lang).toBeLessThanOrEqual(132);
    }
  });

  it('no orphan messages: every en key is used by the UI, a key list, or the manifest', () => {
    const used = new Set([...literalKeys().keys(), ...Object.values(LISTED_KEYS).flat()]);
    expect(enKeys.filter((k) => !used.has(k))).toEqual([]);
  });
});

describe('createGetMessage (Chrome substitution rules)', () => {
  const get = createGetMessage({
    Hello: {
      message: 'Hello $WHO$, you have $count$ new $$ ($1)',
      placeholders: { who: { content: '$1' }, COUNT: { content: '$2' } },
    },
    direct: { message: '$2 before $1' },
  });

  it('fills named placeholders, case-insensitively, and direct $n', () => {
    expect(get('hello', ['Ana', '3'])).toBe('Hello Ana, you have 3 new $ (Ana)');
    expect(get('direct', ['a', 'b'])).toBe('b before a');
  });

  it('a missing substitution is empty; an unknown message is ""', () => {
    expect(get('Hello', ['Ana'])).toBe('Hello Ana, you have  new $ (Ana)');
    expect(get('nope')).toBe('');
  });
});

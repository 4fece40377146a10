import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { engineI18nKeys } from '../../support/engine-i18n-keys';

/** Every i18n key the engine and platform code carry has a message in every locale. */
const locales = readdirSync('public/_locales');
const keys = engineI18nKeys();

it('finds the engine and platform keys it checks', () => {
  expect([...keys.keys()]).toEqual(
    expect.arrayContaining([
      'menuDownload',
      'notifyDoneTitle',
      'badgeReady',
      'error_interrupted_title',
    ]),
  );
});

describe.each(locales)('locale %s', (locale) => {
  const messages = JSON.parse(
    readFileSync(join('public/_locales', locale, 'messages.json'), 'utf8'),
  ) as Record<string, unknown>;
  it.each([...keys])('has %s (used in %s)', (key) => {
    expect(messages).toHaveProperty(key);
  });
});

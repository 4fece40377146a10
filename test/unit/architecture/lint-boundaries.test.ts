import { ESLint } from 'eslint';

/**
 * Proves the architecture boundaries in eslint.config.js actually fire: each zone is fed a
 * forbidden import (and an allowed one) as if it lived at that path.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleHits(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lib/ boundary', () => {
  it.each([
    ["import { browser } from 'wxt/browser';", 'no-restricted-imports'],
    ["import { storage } from '@wxt-dev/storage';", 'no-restricted-imports'],
    ["import browser from 'webextension-polyfill';", 'no-restricted-imports'],
    ["import { x } from '../../entrypoints/background/index';", 'no-restricted-imports'],
    ["import { x } from '../../components/popup/app';", 'no-restricted-imports'],
    ["import { x } from '../../platform/downloads';", 'no-restricted-imports'],
    ['export const id = chrome.runtime.id;', 'no-restricted-globals'],
    ['export const p = browser.storage.local.get();', 'no-restricted-globals'],
  ])('%s is refused in lib/', async (code, rule) => {
    expect(await ruleHits(code, 'lib/fixture/boundary-fixture.ts')).toContain(rule);
  });

  it('allows lib-internal imports', async () => {
    const code =
      "import { SERVICE_KEYS } from '../services/service-key';\nexport const n = SERVICE_KEYS.length;\n";
    expect(await ruleHits(code, 'lib/fixture/boundary-fixture.ts')).toEqual([]);
  });
});

describe('UI boundary', () => {
  it.each([
    ["import { x } from '../../entrypoints/background/index';\nexport { x };\n"],
    ["import { x } from '../../platform/downloads';\nexport { x };\n"],
    ["import { z } from 'zod';\nexport const s = z.string();\n"],
    ["import { rank } from '../../lib/rank';\nexport { rank };\n"],
  ])('%s is refused in components/', async (code) => {
    expect(await ruleHits(code, 'components/popup/fixture.tsx')).toContain('no-restricted-imports');
  });

  it('allows value imports from lib/ui/ (pure UI helpers)', async () => {
    const code = "import { formatMs } from '../../lib/ui/format';\nexport const f = formatMs;\n";
    expect(await ruleHits(code, 'components/popup/fixture.tsx')).toEqual([]);
  });

  it('allows type-only imports from lib/', async () => {
    const code =
      "import type { PopupSnapshot } from '../../lib/messages/protocol';\nexport type S = PopupSnapshot;\n";
    expect(await ruleHits(code, 'components/popup/fixture.tsx')).toEqual([]);
  });
});

describe('background boundary', () => {
  it('refuses UI imports in the background', async () => {
    const code = "import { App } from '../../components/popup/app';\nexport { App };\n";
    expect(await ruleHits(code, 'entrypoints/background/fixture.ts')).toContain(
      'no-restricted-imports',
    );
  });
});

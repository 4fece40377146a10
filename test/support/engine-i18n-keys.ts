import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The i18n keys the engine and platform code carry as plain strings (job errors, notices,
 * notifications, menus, badge), found by a static scan so paths no test drives are covered.
 * Returns key → the file it appears in.
 */
const KEY_LITERAL = /'((?:error|notify|badge|menu|notice)[A-Za-z_]*)'/g;
const DIRS = ['lib/app', 'platform'];

export function engineI18nKeys(): Map<string, string> {
  const found = new Map<string, string>();
  for (const dir of DIRS) {
    for (const file of readdirSync(dir)) {
      if (!file.endsWith('.ts')) continue;
      const text = readFileSync(join(dir, file), 'utf8');
      for (const match of text.matchAll(KEY_LITERAL)) found.set(match[1]!, `${dir}/${file}`);
    }
  }
  return found;
}

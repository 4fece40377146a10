// Files landing on disk: the browsers save into a per-scenario folder (Chromium: the profile's
// download.default_directory + CDP Browser.setDownloadBehavior {behavior:'default'}; Firefox:
// browser.download.dir), and the e2e asserts on what is really there: names and bytes.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { waitFor } from './report.mjs';

const PARTIAL = /\.(crdownload|part)$|^\.com\.google\.Chrome\.|^Unconfirmed \d+/;

/** Completed files under dir, as paths relative to it (partial downloads left out). */
export function listFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir, { recursive: true })) {
    const full = join(dir, String(name));
    const base = String(name).split('/').pop();
    if (PARTIAL.test(base)) continue;
    if (statSync(full).isFile()) out.push(relative(dir, full));
  }
  return out.sort();
}

function partialsIn(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => PARTIAL.test(name.split('/').pop()));
}

/**
 * Waits until `count` completed files whose name (basename) matches `match` are in dir and no
 * download is still partial; returns their relative paths. `match` is a string (exact name) or
 * a RegExp.
 */
export async function waitForFiles(dir, match, { count = 1, timeoutMs = 20_000 } = {}) {
  const test = (path) => {
    const base = path.split('/').pop();
    return match instanceof RegExp ? match.test(base) : base === match;
  };
  let seen = [];
  let sizes = '';
  try {
    return await waitFor(
      () => {
        seen = listFiles(dir);
        const hits = seen.filter(test);
        if (hits.length < count || partialsIn(dir).length > 0) return null;
        // Firefox creates the final name empty before its .part file: a download is complete
        // when it has bytes and its size held still since the last look.
        const now = hits.map((h) => `${h}:${statSync(join(dir, h)).size}`).join('|');
        const settled = now === sizes && hits.every((h) => statSync(join(dir, h)).size > 0);
        sizes = now;
        return settled ? hits : null;
      },
      { timeoutMs, intervalMs: 200, what: `files ${match}` },
    );
  } catch {
    throw new Error(
      `expected ${count} complete file(s) named ${match} in the download folder within ${timeoutMs} ms; ` +
        `it holds: ${JSON.stringify(seen)} (sizes ${sizes || '–'})${partialsIn(dir).length ? ` (partial: ${partialsIn(dir).join(', ')})` : ''}`,
    );
  }
}

export function readFile(dir, path) {
  return readFileSync(join(dir, path));
}

/**
 * The test server's bodies are deterministic (tunnelBody(length, seed), one seed per tunnel or
 * CDN URL it handed out). Returns the seed that produced `bytes`, or null: the file is exactly
 * what the server served, byte for byte, not just "a file with that name".
 */
export function seedOf(bytes, tunnelBody, { maxSeed = 5000 } = {}) {
  for (let seed = 1; seed <= maxSeed; seed++) {
    // tunnelBody(i=0) = seed*7 & 0xff: a cheap pre-check before the full comparison.
    if (bytes.length > 0 && bytes[0] !== ((seed * 7) & 0xff)) continue;
    if (tunnelBody(bytes.length, seed).equals(bytes)) return seed;
  }
  return null;
}

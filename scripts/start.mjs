#!/usr/bin/env node
// `npm start`: builds the Chrome (MV3) and Firefox packages, then runs the product: with a
// display and Chromium available it opens a fresh Chromium profile with the extension loaded;
// otherwise it prints where to load the unpacked builds by hand (README "Load it").
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
for (const args of [
  ['wxt', 'build'],
  ['wxt', 'build', '-b', 'firefox'],
  ['wxt', 'zip'],
  ['wxt', 'zip', '-b', 'firefox'],
]) {
  const res = spawnSync('npx', args, { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

const chrome = join(root, '.output/chrome-mv3');
const firefox = join(root, '.output/firefox-mv2');
console.log(`
Built:
  Chrome / Chromium (MV3): ${chrome}
     → chrome://extensions → Developer mode → "Load unpacked" → pick that folder
  Firefox:                 ${firefox}
     → about:debugging#/runtime/this-firefox → "Load Temporary Add-on…" → pick manifest.json there
  Store zips:              ${join(root, '.output')}/*.zip
`);

const browserBin = ['/usr/bin/chromium', '/usr/bin/google-chrome'].find((p) => existsSync(p));
if (process.env.DISPLAY && browserBin && !process.env.CI) {
  const profile = mkdtempSync(join(tmpdir(), 'cobalt-picker-profile-'));
  console.log(
    `Starting ${browserBin} with the extension (profile ${profile}); close the window to stop.`,
  );
  spawn(
    browserBin,
    [
      `--user-data-dir=${profile}`,
      `--load-extension=${chrome}`,
      '--no-first-run',
      'https://www.youtube.com/',
    ],
    {
      stdio: 'ignore',
      detached: true,
    },
  ).unref();
} else {
  console.log('No display (or CI): load the folders above into your browser as described.');
}

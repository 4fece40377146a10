// The test servers and the media maker (test/support/*.ts) from plain Node ESM.
//
// Node 20 cannot import TypeScript, so the e2e bundles the two servers with esbuild (already in
// node_modules through Vite) into a temporary .mjs at run start (~0.1 s) and imports that.
// `import.meta.url` is replaced, per source file, by that file's own URL, so the servers still
// find their fixtures (test/fixtures/feeds/) relative to where they live in the repository.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './paths.mjs';

const ENTRIES = {
  cobalt: 'test/support/cobalt-server/index.ts',
  tracker: 'test/support/tracker-server.ts',
  // real media for local processing, made with Debian's ffmpeg (probe: ffprobe)
  media: 'test/support/media/make-media.ts',
};

/** @returns {Promise<{cobalt: any, tracker: any, media: any, dispose(): void}>} */
export async function loadSupport() {
  const esbuild = await import('esbuild');
  const outdir = mkdtempSync(join(tmpdir(), 'cobalt-picker-e2e-support-'));
  const ownImportMetaUrl = {
    name: 'own-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const url = JSON.stringify(pathToFileURL(args.path).href);
        return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([k, v]) => [k, join(ROOT, v)])),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    plugins: [ownImportMetaUrl],
  });
  const cobalt = await import(pathToFileURL(join(outdir, 'cobalt.mjs')).href);
  const tracker = await import(pathToFileURL(join(outdir, 'tracker.mjs')).href);
  const media = await import(pathToFileURL(join(outdir, 'media.mjs')).href);
  return {
    cobalt,
    tracker,
    media,
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

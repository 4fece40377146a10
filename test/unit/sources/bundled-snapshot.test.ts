import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isIpHost } from '../../../lib/instances/is-ip-host';
import { mergeEntries } from '../../../lib/instances/merge-entries';
import { buildBundledSnapshot } from '../../../lib/sources/build-bundled-snapshot';
import { bundledSnapshot, bundledSnapshotDate } from '../../../lib/sources/bundled-snapshot';
import { sampleJson, SAMPLES_DIR } from './feed-fixtures';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const COMMITTED = `${ROOT}lib/sources/bundled-snapshot.json`;

const fromSamples = () =>
  buildBundledSnapshot({
    hyperInputList: sampleJson('cobalttester_backend-instances_2024-10-16.json'),
    directoryInputList: sampleJson('cobalt-directory_backend-instances_2026-05-04.json'),
  });

describe('bundled snapshot', () => {
  it('the committed JSON is exactly what the builder makes from the samples', () => {
    expect(JSON.parse(readFileSync(COMMITTED, 'utf8'))).toEqual(fromSamples());
  });

  it('the script prints the committed file byte for byte', () => {
    const run = spawnSync(process.execPath, ['scripts/build-bundled-snapshot.mjs', '--stdout'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, COBALT_SAMPLES_DIR: fileURLToPath(SAMPLES_DIR) },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(readFileSync(COMMITTED, 'utf8'));
  });

  const { entries, date, sources } = bundledSnapshot();

  it('carries its date (the newest input list) and its sources', () => {
    expect(date).toBe('2026-05-04');
    expect(sources.map((s) => s.date)).toEqual(['2024-10-16', '2026-05-04']);
    expect(bundledSnapshotDate()).toBe(date);
  });

  it('keeps all 162 + 23 input entries, one per origin', () => {
    expect(entries).toHaveLength(162 + 23);
    expect(new Set(entries.map((entry) => entry.origin)).size).toBe(185);
  });

  it.each([
    ['http', (o: string) => o.startsWith('http://'), 90],
    ['https', (o: string) => o.startsWith('https://'), 72 + 23],
    ['IP-only', (o: string) => isIpHost(o), 83],
    [
      'usable by default policy (https, named host)',
      (o: string) => o.startsWith('https://') && !isIpHost(o),
      95,
    ],
    ['with a non-default port', (o: string) => /:\d+$/.test(o.replace(/^https?:\/\//, '')), 88],
  ])('%s origins: %i', (_label, predicate, count) => {
    expect(entries.filter((entry) => predicate(entry.origin))).toHaveLength(count);
  });

  it.each([
    ['safe', 21],
    ['unknown', 136 + 1],
    ['not_safe', 4],
    [null, 23],
  ])(
    'trust %j: %i (the one empty label reads as unknown; cobalt.directory has none)',
    (trust, count) => {
      expect(entries.filter((entry) => entry.trust === trust)).toHaveLength(count);
    },
  );

  it('says nothing it cannot know: no liveness, version, score or service results', () => {
    for (const entry of entries) {
      expect(entry).toMatchObject({
        source: 'bundled',
        online: null,
        version: null,
        generation: 'unknown',
        turnstile: null,
        score: null,
        services: {},
      });
    }
  });

  it('keeps frontends, "None" as null', () => {
    expect(entries.filter((entry) => entry.frontend === null)).toHaveLength(66);
    expect(entries.find((entry) => entry.origin === 'https://nachos.imput.net')?.frontend).toBe(
      'https://cobalt.tools',
    );
  });

  it('merges into 185 instances; the cobalt.directory ones are listed', () => {
    const instances = mergeEntries(entries);
    expect(instances).toHaveLength(185);
    expect(instances.filter((instance) => instance.trust === 'listed')).toHaveLength(23);
    expect(instances.find((i) => i.origin === 'https://api.cobalt.tools')?.trust).toBe('safe');
  });
});

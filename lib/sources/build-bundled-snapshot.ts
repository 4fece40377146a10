import type { SourceEntry } from '../instances/instance';
import type { FeedOutcome } from './feed-outcome';
import { parseDirectoryTestsFeed } from './parse-directory-tests';
import { parseHyperFeed } from './parse-hyper';

/**
 * The bundled snapshot, so the first run works offline (docs/rules.md "Sources"; the trackers in docs/cobalt-api.md §6). It is
 * built from the two trackers' input lists in test/fixtures/tracker-samples/ (`npm run snapshot`
 * writes bundled-snapshot.json; a test proves the committed file is current):
 * - CobaltTester `backend/instances` @ 2024-10-16: 162 entries with a hand-set trust label;
 * - cobalt.directory `backend/instances` @ 2026-05-04: 23 entries, no trust (→ `listed`).
 * These are lists of hosts, not test results, so every entry says: online unknown, no service
 * results, no version, no score. The live feeds and the probe fill those in. Entries the
 * parsers drop are left out; duplicates are kept for mergeEntries to fold.
 */
export interface BundledInputs {
  /** tracker-samples/cobalttester_backend-instances_2024-10-16.json */
  hyperInputList: unknown;
  /** tracker-samples/cobalt-directory_backend-instances_2026-05-04.json */
  directoryInputList: unknown;
}

/** Where each input list came from and the date of its commit (test/fixtures/tracker-samples/README.md). */
const BUNDLED_INPUTS = [
  { source: 'hyperdefined/CobaltTester backend/instances', date: '2024-10-16' },
  { source: 'hyperdefined/cobalt.directory backend/instances', date: '2026-05-04' },
] as const;

/** The committed file: its date (the newest input's), its inputs, and the entries. */
export interface BundledSnapshotFile {
  date: string;
  sources: { source: string; date: string }[];
  entries: SourceEntry[];
}

export function buildBundledSnapshot(inputs: BundledInputs): BundledSnapshotFile {
  const sources = BUNDLED_INPUTS.map((input) => ({ ...input }));
  const date = sources.map((s) => s.date).reduce((a, b) => (a > b ? a : b));
  return { date, sources, entries: buildEntries(inputs) };
}

function buildEntries(inputs: BundledInputs): SourceEntry[] {
  const lists = [
    parseHyperFeed(inputs.hyperInputList, 'bundled'),
    parseDirectoryTestsFeed(inputs.directoryInputList, 'bundled'),
  ];
  return lists.flatMap(entriesOf).map((entry) => ({
    source: 'bundled',
    origin: entry.origin,
    version: null,
    generation: 'unknown',
    trust: entry.trust,
    online: null,
    turnstile: null,
    services: {},
    score: null,
    frontend: entry.frontend,
  }));
}

function entriesOf(outcome: FeedOutcome): SourceEntry[] {
  return outcome.ok ? outcome.entries : [];
}

/**
 * One record, per test file, of everything the test servers received and everything the test
 * process sent, so the security invariants (docs/security.md, test/support/invariants.ts) can be
 * checked over every chain of every test instead of in a few hand-picked ones.
 *
 * Who writes here:
 * - every test server (startCobaltServer, startTrackerServer, startHostileServer) registers
 *   itself and each request it receives, stamped with a process-wide sequence number;
 * - the fetch guard of the setup file (test/support/invariants-setup.ts) records every fetch the
 *   test process makes (client calls), marked with the engine harness that made it, if any;
 * - the engine harness records user actions (download/start, instance/test), each job's link
 *   and trail, and its settings over time (blocked origins, the user's key per origin);
 * - a test may tag an origin (`tag(origin, 'not_safe')`), declare a key's intended origin
 *   (`intendKey`) or say it expects refused off-loopback fetches (`expectRefused`).
 *
 * Nothing is recorded unless the setup file activated the registry for the current file, so
 * benchmarks and e2e scripts that start the same servers pay nothing.
 */

type ServerKind = 'cobalt' | 'tracker' | 'hostile';

/** What an instance is, as far as "must never be contacted" is concerned (docs/rules.md "Trust policy"). */
export type Tag = 'not_safe' | 'offline' | 'turnstile' | 'blocked';

export interface ServerInfo {
  kind: ServerKind;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** API keys this server itself issued (cobalt `apiKeys`), read when the file is checked. */
  apiKeys?: () => readonly string[];
}

export interface SeenRequest {
  seq: number;
  /** Wall-clock ms (servers may run on a fake clock; this never does). */
  at: number;
  server: Required<ServerInfo>;
  method: string;
  /** Path with query. */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
  /** A tracker's feed body as it was served with 200 (set after the answer). */
  served?: string;
}

/** One fetch the test process made (the client side of a request). */
export interface ClientCall {
  seq: number;
  method: string;
  /** Absolute URL without the fragment. */
  url: string;
  authorization: string | null;
  body: string;
  /** The engine harness that made it; null = the test itself (a direct lib call). */
  harness: number | null;
}

export interface UserAction {
  seq: number;
  harness: number;
  kind: 'download' | 'test';
  /** download: the job it started (null when refused). */
  jobId: string | null;
  /** download: the tab URL or pasted link, as the user had it. */
  pageUrl: string | null;
  /** test: the origin and service the user asked to test. */
  origin?: string;
  service?: string | null;
}

export interface SettingsSnapshot {
  seq: number;
  harness: number;
  blocked: readonly string[];
  /** The user's API key per origin (settings.myInstances). */
  keys: readonly { origin: string; key: string }[];
}

export interface HarnessInfo {
  id: number;
  /** The loopback guard's refused origins (live array). */
  refused: readonly string[];
  expectRefused: boolean;
  /** Current jobs of the harness's engine: link and trail, read when the file is checked. */
  jobs: () => readonly {
    id: string;
    url: string;
    trail: readonly { origin: string; code?: string }[];
    servedBy?: string | null;
  }[];
  /** Every URL the engine handed to the harness's downloads adapter (live array). */
  downloads: readonly string[];
}

export interface RegistryState {
  active: boolean;
  seq: number;
  servers: Required<ServerInfo>[];
  requests: SeenRequest[];
  client: ClientCall[];
  tags: { origin: string; tag: Tag; seq: number }[];
  intended: { origin: string; key: string }[];
  harnesses: HarnessInfo[];
  actions: UserAction[];
  /** Job id → link and every origin its trail ever named (from any harness). */
  jobs: Map<string, { url: string; origins: Set<string> }>;
  settings: SettingsSnapshot[];
  /** Off-loopback fetches the setup file's guard refused. */
  refusedFetches: string[];
  expectRefusedFetches: boolean;
}

const KEY = Symbol.for('cobalt-picker.test-server-registry');

function fresh(): RegistryState {
  return {
    active: false,
    seq: 0,
    servers: [],
    requests: [],
    client: [],
    tags: [],
    intended: [],
    harnesses: [],
    actions: [],
    jobs: new Map(),
    settings: [],
    refusedFetches: [],
    expectRefusedFetches: false,
  };
}

/** The registry of the current file (one per worker process: globalThis, not module state). */
export function registry(): RegistryState {
  const holder = globalThis as unknown as Record<symbol, RegistryState | undefined>;
  return (holder[KEY] ??= fresh());
}

/** Forget everything and start (or stop) recording; the setup file calls it around each file. */
export function resetRegistry(active: boolean): void {
  const holder = globalThis as unknown as Record<symbol, RegistryState | undefined>;
  holder[KEY] = { ...fresh(), active };
}

function nextSeq(): number {
  const state = registry();
  state.seq += 1;
  return state.seq;
}

/** What a server calls for each request; returns the record (or null when not recording). */
export type RequestRecorder = (request: {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}) => SeenRequest | null;

/** A test server registers itself once; it gets back the function that records its requests. */
export function registerServer(info: ServerInfo): RequestRecorder {
  const server: Required<ServerInfo> = { apiKeys: () => [], ...info };
  const state = registry();
  if (state.active) state.servers.push(server);
  return (request) => {
    const current = registry();
    if (!current.active) return null;
    const seen: SeenRequest = { seq: nextSeq(), at: Date.now(), server, ...request };
    current.requests.push(seen);
    return seen;
  };
}

/** Marks an origin as one that must never be contacted (turnstile: never POSTed without a key). */
export function tag(origin: string, what: Tag): void {
  const state = registry();
  if (state.active) state.tags.push({ origin, tag: what, seq: nextSeq() });
}

// ---- the engine harness side ---------------------------------------------------------------

let harnessIds = 0;

export function registerHarness(info: Omit<HarnessInfo, 'id' | 'expectRefused'>): HarnessInfo {
  harnessIds += 1;
  const harness: HarnessInfo = { ...info, id: harnessIds, expectRefused: false };
  const state = registry();
  if (state.active) state.harnesses.push(harness);
  return harness;
}

export function recordUserAction(action: Omit<UserAction, 'seq'>): UserAction {
  const recorded: UserAction = { ...action, seq: nextSeq() };
  const state = registry();
  if (state.active) state.actions.push(recorded);
  return recorded;
}

export function recordJob(id: string, url: string, origins: Iterable<string>): void {
  const state = registry();
  if (!state.active) return;
  const job = state.jobs.get(id) ?? { url, origins: new Set<string>() };
  for (const origin of origins) job.origins.add(origin);
  state.jobs.set(id, job);
}

export function recordSettings(snapshot: Omit<SettingsSnapshot, 'seq'>): void {
  const state = registry();
  if (state.active) state.settings.push({ ...snapshot, seq: nextSeq() });
}

// ---- the client side -----------------------------------------------------------------------

/** Put on a fetch `init` by the engine harness: which harness made the call. */
export const HARNESS_MARK = Symbol.for('cobalt-picker.test-harness');

export function recordClientCall(call: Omit<ClientCall, 'seq'>): void {
  const state = registry();
  if (state.active) state.client.push({ ...call, seq: nextSeq() });
}

export function recordRefusedFetch(origin: string): void {
  const state = registry();
  if (state.active) state.refusedFetches.push(origin);
}

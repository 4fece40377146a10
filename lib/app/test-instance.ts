import type { EngineContext } from './engine-state';
import { changeHealth } from './health-changes';
import { probeCacheItem } from './stored-items';
import { requestInstance } from '../cobalt/request-instance';
import type { HealthTable } from '../health/health-state';
import { recordOutcome } from '../health/record-outcome';
import type { Instance } from '../instances/instance';
import type { DeepTestResult } from '../model/deep-test-result';
import type { FetchLike } from '../net/http';
import { deepTest } from '../probe/deep-test';
import { probeMany } from '../probe/probe-many';
import type { ProbeTable } from '../probe/probe-result';
import { requestVersion } from '../probe/request-version';
import { hostOf, isOfficialHost } from '../rank/origin-host';
import { isLocalOrigin } from '../safety/local-origin';
import { deepTestLink } from '../services';
import type { ServiceKey } from '../services/service-key';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';

/** The official web app aborts `POST /` after 20 s (docs/cobalt-api.md §3.8); a deep test waits as long. */
const DEEP_TEST_TIMEOUT_MS = 20_000;

/**
 * "Test now" (docs/rules.md "Probe"): a fresh `GET /`, plus — only when a service is named — a deep
 * test, a real `POST /` of the trackers' public test link, which spends one unit of the
 * instance's rate limit. Never the user's page. Returns what changed; the engine stores it.
 */
interface TestInstanceInput {
  origin: string;
  service: ServiceKey | null;
  settings: Settings;
  probes: ProbeTable;
  known: readonly Instance[];
  fetch: FetchLike;
  now: () => number;
}

interface TestInstanceOutcome {
  /** null when nothing was contacted. */
  probes: ProbeTable | null;
  health: ((table: HealthTable) => HealthTable) | null;
  results: DeepTestResult[];
}

async function testInstance(input: TestInstanceInput): Promise<TestInstanceOutcome> {
  const { origin, service, settings } = input;
  // Nothing the policy says must never be contacted is contacted, asked or not (docs/rules.md "Trust
  // policy"): the popup and options then say the test is unavailable.
  if (mustNotContact(origin, settings, input.known))
    return { probes: null, health: null, results: [] };
  const fresh = await probeMany({
    fetch: input.fetch,
    origins: [origin],
    concurrency: 1,
    timeoutMs: settings.probe.timeoutMs,
    now: input.now,
  });
  const probes = { ...input.probes, ...fresh };
  if (service === null) return { probes, health: null, results: [] };

  const apiKey = settings.myInstances.find((i) => i.origin === origin)?.apiKey;
  const report = await deepTest({
    fetch: input.fetch,
    origin,
    service,
    testLink: deepTestLink(service),
    now: input.now,
    requestInstance: (req) =>
      requestInstance({
        ...req,
        version: requestVersion(probes[origin], null),
        options: DEFAULT_SETTINGS.download,
        apiKey,
        turnstile: probes[origin]?.turnstile,
        timeoutMs: DEEP_TEST_TIMEOUT_MS,
        now: input.now,
      }),
  });
  const at = input.now();
  const { error, ...result } = report;
  return {
    probes,
    health: (table) =>
      recordOutcome(table, {
        origin,
        service,
        outcome: report.ok ? 'ok' : (error ?? 'ok'),
        latencyMs: report.ms,
        now: at,
      }),
    results: [result],
  };
}

/**
 * Blocked by the user, `not_safe` per a tracker, the official API without the user's key, or on
 * the user's own machine or network without being one of the user's own instances
 * (lib/safety/local-origin.ts: a list must not steer the browser at the user's router).
 */
function mustNotContact(origin: string, settings: Settings, known: readonly Instance[]): boolean {
  if (settings.blocked.includes(origin)) return true;
  if (isLocalOrigin(origin) && !settings.myInstances.some((i) => i.origin === origin)) return true;
  const hasKey = settings.myInstances.some((i) => i.origin === origin && i.apiKey);
  if (isOfficialHost(hostOf(origin)) && !hasKey) return true;
  return known.some((i) => i.origin === origin && i.trust === 'not_safe');
}

/** "Test now" from a page: runs the test, stores the fresh probe and health facts, announces them. */
export async function testInstanceAndStore(
  ctx: EngineContext,
  known: readonly Instance[],
  origin: string,
  service: ServiceKey | null,
): Promise<DeepTestResult[]> {
  const { deps, store, state } = ctx;
  const outcome = await testInstance({
    origin,
    service,
    settings: state.settings,
    probes: state.probes,
    known,
    fetch: deps.fetch,
    now: deps.now,
  });
  if (outcome.probes) {
    state.probes = outcome.probes;
    await store.write(probeCacheItem, state.probes);
  }
  if (outcome.health) {
    await changeHealth(ctx, outcome.health);
  }
  if (outcome.probes) deps.broadcast({ type: 'changed', what: 'instances' });
  return outcome.results;
}

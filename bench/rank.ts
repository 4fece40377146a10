import type { HealthTable } from '../lib/health/health-state';
import { healthKey } from '../lib/health/health-state';
import type { SourceEntry, TrustLevel } from '../lib/instances/instance';
import { mergeEntries } from '../lib/instances/merge-entries';
import type { ProbeTable } from '../lib/probe/probe-result';
import { rank } from '../lib/rank/rank';
import { SERVICE_KEYS, type ServiceKey } from '../lib/services/service-key';
import { DEFAULT_SETTINGS, type Settings } from '../lib/settings/schema';
import {
  log,
  median,
  metric,
  option,
  quantile,
  round,
  runBench,
  seededRandom,
  timeCpuBound,
} from './support/bench-io';

/**
 * Ranking cost: lib/rank rank() for every service over 2,000 instances, with the evidence a
 * long-running profile would have: two sources per instance (merged, with provenance), a fresh
 * probe for half of them, health records (some quarantined) for a third, pins, blocks and own
 * instances. Timed per call with performance.now(); median over all calls.
 */

const INSTANCES = 2000;
const CALLS_PER_SERVICE = option('calls', 'BENCH_RANK_CALLS', 30);
const WARMUP_CALLS = 5;
const BUDGET_MS = 5;
const NOW = Date.UTC(2026, 4, 4, 12);

const random = seededRandom(2000);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const TRUSTS: TrustLevel[] = ['safe', 'safe', 'safe', 'unknown', 'listed', 'not_safe', 'offline'];

function originOf(i: number): string {
  if (i % 20 === 0) return `http://10.${(i >> 8) & 255}.${i & 255}.7:9000`;
  if (i % 10 === 0) return `http://cobalt-${i}.example.net`;
  return `https://api.cobalt-${i}.example.com`;
}

function entry(i: number, source: SourceEntry['source']): SourceEntry {
  const services: SourceEntry['services'] = {};
  for (const key of SERVICE_KEYS) if (random() < 0.6) services[key] = random() < 0.8;
  const online = random() < 0.9;
  return {
    source,
    origin: originOf(i),
    version: pick(['11.7.1', '11.2', '10.9.4', '7.15', null]),
    generation: pick(['v11', 'v11', 'v10', 'v7', 'unknown']),
    trust: source === 'directory' ? null : pick(TRUSTS),
    online,
    turnstile: random() < 0.05,
    services,
    score: online ? Math.round(random() * 100) : null,
    frontend: random() < 0.5 ? `https://web-${i}.example.com` : null,
  };
}

function fixture() {
  const entries: SourceEntry[] = [];
  for (let i = 0; i < INSTANCES; i++) {
    entries.push(entry(i, 'hyper'));
    if (random() < 0.5) entries.push(entry(i, 'directory'));
  }
  const instances = mergeEntries(entries);
  const probes: ProbeTable = {};
  const health: HealthTable = {};
  for (const instance of instances) {
    if (random() < 0.5) {
      const ok = random() < 0.85;
      probes[instance.origin] = {
        origin: instance.origin,
        at: NOW - Math.floor(random() * 10 * 60_000),
        ok,
        latencyMs: ok ? 20 + Math.floor(random() * 2000) : null,
        generation: ok ? 'v11' : 'unknown',
        version: ok ? '11.7.1' : null,
        services: ok ? SERVICE_KEYS.filter(() => random() < 0.8) : null,
        turnstile: random() < 0.03,
        ...(ok ? {} : { error: 'No answer within 5000 ms' }),
      };
    }
    if (random() < 0.33) {
      for (const service of SERVICE_KEYS) {
        if (random() < 0.3) continue;
        health[healthKey(instance.origin, service)] = {
          origin: instance.origin,
          service,
          successes: random() * 6,
          failures: random() * 3,
          updatedAt: NOW - Math.floor(random() * 3_600_000),
          quarantinedUntil: random() < 0.1 ? NOW + 600_000 : null,
          lastOutcome: pick(['ok', 'error.api.rate_exceeded', 'client.timeout', null]),
          latencyMs: 100 + Math.floor(random() * 3000),
          consecutiveFailures: random() < 0.2 ? 1 : 0,
          latencySamples: [{ ms: 300 }, { ms: 420 }, { ms: 380, lowerBound: true }],
        };
      }
    }
  }
  const origins = instances.map((i) => i.origin);
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    probe: { ...DEFAULT_SETTINGS.probe, enabled: true },
    pinned: origins.slice(100, 105),
    blocked: origins.slice(200, 220),
    myInstances: [
      { origin: origins[300]!, apiKey: '582f214c-8531-40d5-9a5c-7f51ae99319d' },
      { origin: 'https://cobalt.self-hosted.example' },
    ] as Settings['myInstances'],
  };
  return { instances, probes, health, settings };
}

runBench('rank', async () => {
  const { instances, probes, health, settings } = fixture();
  const state = { instances, probes, health };
  log(
    `rank: ${instances.length} instances, ${Object.keys(probes).length} probes, ` +
      `${Object.keys(health).length} health records, ${SERVICE_KEYS.length} services`,
  );
  const all: number[] = [];
  const walls: number[] = [];
  const perService: Record<string, number> = {};
  let included = 0;
  for (const service of SERVICE_KEYS as readonly ServiceKey[]) {
    for (let i = 0; i < WARMUP_CALLS; i++) rank(service, state, settings, NOW);
    const times: number[] = [];
    for (let i = 0; i < CALLS_PER_SERVICE; i++) {
      const timed = timeCpuBound(() => rank(service, state, settings, NOW));
      const ranked = timed.value;
      times.push(timed.ms);
      walls.push(timed.wallMs);
      if (i === 0 && service === 'youtube') included = ranked.filter((r) => !r.excluded).length;
    }
    perService[service] = round(median(times), 2);
    all.push(...times);
  }
  const slowest = Object.entries(perService).sort((a, b) => b[1] - a[1])[0]!;
  return {
    'rank.median_ms_per_call': metric(round(median(all), 2), 'ms', BUDGET_MS, {
      instances: instances.length,
      services: SERVICE_KEYS.length,
      callsPerService: CALLS_PER_SERVICE,
      p95Ms: round(quantile(all, 0.95), 2),
      minMs: round(Math.min(...all), 2),
      wallMedianMs: round(median(walls), 2),
      timing: 'per call min(wall, process CPU time): the time on a core of its own (bench-io.ts)',
      maxMs: round(Math.max(...all), 2),
      slowestService: { service: slowest[0], medianMs: slowest[1] },
      includedForYoutube: included,
      perServiceMedianMs: perService,
    }),
  };
});

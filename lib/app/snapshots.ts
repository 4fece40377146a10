import { bundledSnapshotDate } from '../sources/bundled-snapshot';
import { handoffTargets } from '../rank/handoff-targets';
import type { HealthTable } from '../health/health-state';
import { decayedCounts } from '../health/decayed-counts';
import { isQuarantined } from '../health/is-quarantined';
import type { Instance } from '../instances/instance';
import { downloadedBefore } from '../batch/download-history';
import type { BatchView } from '../model/batch-view';
import type { HistoryEntry } from '../model/history-entry';
import type { DiagnosticsRow } from '../model/diagnostics-row';
import type { FeedStatusView } from '../model/feed-status-view';
import type { InstanceView } from '../model/instance-view';
import type { Notice } from '../model/notice';
import type { OptionsSnapshot, PopupSnapshot } from '../model/snapshots';
import type { PageInfo } from '../services/page-info';
import type { RecentDownload } from '../model/recent-download';
import type { ProbeTable } from '../probe/probe-result';
import type { RankedEntry } from '../rank/ranked-entry';
import { knownCodebase } from '../rank/rank-context';
import { REASON } from '../rank/reason-keys';
import { SERVICE_KEYS, type ServiceKey } from '../services/service-key';
import { SUPPORTED_SERVICES } from '../services';
import type { Settings } from '../settings/schema';
import { toJobView, type Job } from './job';

/** Pure builders of what the pages show: one snapshot each, rendered at once (no flash). */

function instanceView(entry: RankedEntry, settings: Settings, probes: ProbeTable): InstanceView {
  const { instance } = entry;
  return {
    origin: entry.origin,
    frontend: instance.frontend,
    version: probes[entry.origin]?.version ?? instance.version,
    generation: instance.generation,
    trust: instance.trust,
    pinned: entry.pinned,
    blocked: settings.blocked.includes(entry.origin),
    hasKey: entry.hasKey,
    score: entry.score,
    excluded: entry.excluded,
    reasons: entry.reasons,
    latencyMs: probes[entry.origin]?.latencyMs ?? null,
    codebase: knownCodebase(instance, probes[entry.origin]),
    needsPermission: entry.reasons.some(
      (r) => r.key === REASON.needsPermission && r.effect === '!',
    ),
  };
}

export function popupSnapshot(input: {
  page: PageInfo;
  tabId: number | null;
  ranked: readonly RankedEntry[];
  settings: Settings;
  probes: ProbeTable;
  usingBundled: boolean;
  job: Job | null;
  recent: readonly RecentDownload[];
  batch: BatchView;
  history: readonly HistoryEntry[];
  notices: readonly Notice[];
  service: ServiceKey | null;
}): PopupSnapshot {
  const before =
    input.page.kind === 'supported' ? downloadedBefore(input.history, input.page.url) : null;
  return {
    page: input.page,
    tabId: input.tabId,
    supportedServices: [...SUPPORTED_SERVICES],
    instances: input.ranked.map((entry) => instanceView(entry, input.settings, input.probes)),
    usingBundled: input.usingBundled,
    bundledDate: bundledSnapshotDate(),
    job: input.job ? toJobView(input.job) : null,
    recent: [...input.recent],
    batch: input.batch.items.length > 0 ? input.batch : null,
    downloadedBefore: before
      ? {
          at: before.at,
          filename: before.filename,
          askFirst: input.settings.redownload !== 'always',
        }
      : null,
    defaultMode: input.settings.download.downloadMode,
    notices: [...input.notices],
    handoff: input.service ? handoffTargets(input.ranked, input.service) : [],
  };
}

/** The job a popup for this tab shows: the newest one for the tab, or one asked for by id. */
export function jobForPopup(
  jobs: readonly Job[],
  tabId: number | null,
  jobId?: string,
): Job | null {
  if (jobId) return jobs.find((j) => j.id === jobId) ?? null;
  let newest: Job | null = null;
  for (const job of jobs) {
    if (job.tabId !== tabId) continue;
    if (!newest || job.startedAt > newest.startedAt) newest = job;
  }
  return newest;
}

export function diagnosticsRows(
  instances: readonly Instance[],
  probes: ProbeTable,
  health: HealthTable,
  now: number,
): DiagnosticsRow[] {
  const byOrigin = new Map<string, { ok: number; failed: number; quarantined: ServiceKey[] }>();
  for (const record of Object.values(health)) {
    const counts = decayedCounts(record, now);
    const row = byOrigin.get(record.origin) ?? { ok: 0, failed: 0, quarantined: [] };
    row.ok += counts.successes;
    row.failed += counts.failures;
    if (isQuarantined(record, now)) row.quarantined.push(record.service);
    byOrigin.set(record.origin, row);
  }
  return instances.map((instance) => {
    const probe = probes[instance.origin];
    const services: Partial<Record<ServiceKey, boolean>> = {};
    for (const key of SERVICE_KEYS) {
      const status = instance.services[key];
      if (status) services[key] = status.ok;
      if (probe?.ok && probe.services)
        services[key] = probe.services.includes(key) && (status?.ok ?? true);
    }
    const h = byOrigin.get(instance.origin);
    return {
      origin: instance.origin,
      version: probe?.version ?? instance.version,
      trust: instance.trust,
      online: probe ? probe.ok : instance.online,
      turnstile: probe?.ok ? probe.turnstile : instance.turnstile,
      sources: [...instance.sources],
      services,
      latencyMs: probe?.latencyMs ?? null,
      codebase: knownCodebase(instance, probe),
      health: {
        ok: Math.round((h?.ok ?? 0) * 10) / 10,
        failed: Math.round((h?.failed ?? 0) * 10) / 10,
        quarantined: h?.quarantined ?? [],
      },
    };
  });
}

export function optionsSnapshot(input: {
  settings: Settings;
  feeds: FeedStatusView[];
  usingBundled: boolean;
  diagnostics: DiagnosticsRow[];
  history: readonly HistoryEntry[];
  notices: readonly Notice[];
}): OptionsSnapshot {
  return {
    settings: input.settings,
    feeds: input.feeds,
    usingBundled: input.usingBundled,
    bundledDate: bundledSnapshotDate(),
    diagnostics: input.diagnostics,
    history: [...input.history],
    notices: [...input.notices],
  };
}

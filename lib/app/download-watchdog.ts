import type { DownloadEnd } from '../model/download-end';
import { CHECKS_PER_STALL, judgeProgress, type ProgressMark } from '../submit/judge-progress';
import type { EngineDeps } from './engine-deps';

/**
 * The watchdog over downloads this extension started and still waits for (docs/rules.md
 * "Downloads that break"). Chromium can leave a download in progress with no more bytes and no
 * more request, for good (docs/testing.md, several tunnels of one instance breaking at once); its
 * job or batch item would wait for an end the browser never reports. And a download can end in
 * the browser with its report never handled (seen in an e2e run: a 4 KB file complete 43 ms after
 * it started, its batch item waiting for good); a download seen ended at two looks in a row is
 * ended from its state, as the browser's report would have. Every 1/CHECKS_PER_STALL of
 * the stall period the watchdog looks at those downloads (`deps.describeDownloads`), judges each
 * (lib/submit/judge-progress.ts), and ends a stalled one through `end` as the browser would end a
 * transfer that timed out (`NETWORK_TIMEOUT`): the same path as a broken transfer, so it is
 * removed, held against its instance and retried elsewhere (judge-ended.ts).
 *
 * Worker restarts: the looks run on a timer while something is watched, and each look is a
 * downloads API call, which keeps an MV3 worker awake. Should the worker stop anyway, an alarm
 * (`deps.wakeDownloadWatchAt`, the batch's wake pattern) wakes it for the next look; the marks were
 * in memory, so after a restart each download's period starts again from its first look: a stall
 * is then ended up to one period later, never sooner.
 */
export interface DownloadWatchdog {
  /** A download started: make sure the looks run. */
  poke(): void;
  /** One look now (the worker started, the alarm fired, or the timer). */
  check(): Promise<void>;
  /** True for a download the watchdog ended: the browser's own (later) end of it is ignored. */
  endedByWatch(id: number): boolean;
}

export interface WatchdogInput {
  deps: Pick<EngineDeps, 'now' | 'describeDownloads' | 'wakeDownloadWatchAt' | 'log'>;
  stallMs: number;
  /** The downloads jobs and batch items still wait for. */
  waiting: () => number[];
  /** Ends a download as the browser's report would (engine.ts onDownloadEnded). */
  end: (end: DownloadEnd) => Promise<void>;
}

export function createDownloadWatchdog(input: WatchdogInput): DownloadWatchdog {
  const { deps, stallMs, waiting, end } = input;
  const every = Math.max(1, Math.round(stallMs / CHECKS_PER_STALL));
  const marks = new Map<number, ProgressMark>();
  const ended = new Set<number>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let looking: Promise<void> | null = null;

  const schedule = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => void check(), every);
    deps.wakeDownloadWatchAt(deps.now() + every);
  };

  const stop = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    marks.clear();
    deps.wakeDownloadWatchAt(null);
  };

  const look = async () => {
    const ids = waiting().filter((id) => !ended.has(id));
    if (ids.length === 0) return stop();
    for (const id of marks.keys()) if (!ids.includes(id)) marks.delete(id);
    const seen = await deps.describeDownloads(ids);
    const now = deps.now();
    for (const progress of seen) {
      const verdict = judgeProgress(progress, marks.get(progress.id), now, stallMs);
      if (verdict.kind === 'watching' || verdict.kind === 'ended') {
        marks.set(progress.id, verdict.mark);
        continue;
      }
      marks.delete(progress.id);
      if (verdict.kind === 'unreported') {
        if (!progress.end) continue;
        ended.add(progress.id);
        deps.log(`download ${progress.id} ${progress.state} with no report: ended from its state`);
        await end(progress.end);
        continue;
      }
      ended.add(progress.id);
      deps.log(`download ${progress.id} stalled at ${progress.bytes} bytes: ended as broken`);
      await end({ id: progress.id, state: 'interrupted', error: 'NETWORK_TIMEOUT' });
    }
    schedule();
  };

  const check = async () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    // One look at a time: an alarm may fire while the timer's look still waits on the browser.
    if (looking) return looking;
    looking = look()
      .catch((error: unknown) => {
        deps.log(`download watch failed: ${String(error)}`);
        schedule();
      })
      .finally(() => (looking = null));
    return looking;
  };

  return {
    poke() {
      if (timer === null && looking === null) schedule();
    },
    check,
    endedByWatch: (id) => ended.has(id),
  };
}

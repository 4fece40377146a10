import type { AttemptOutcome, CobaltResult } from '../cobalt/cobalt-result';
import type { ClassifiedError } from '../cobalt/error-action';
import type { TrailEntry } from '../model/trail';
import type { AttemptTiming } from './hedge-delay';
import { SUBMIT_CODES, submitError } from './submit-codes';
import { trailMessageKey } from './trail-message-key';

/**
 * The fallback chain (docs/rules.md "Submit with fallback"): walks the ranked instances, one attempt
 * each, until one gives a usable result, the content turns out to be the problem, the attempts
 * run out, or the overall deadline passes.
 *
 * Scheduling, all driven by timers so it is deterministic under injected clocks, with each
 * attempt's own timing (`timing(origin)`, from hedge-delay.ts):
 * - the first candidate starts at once;
 * - when an attempt has not answered after its `hedgeMs`, the next candidate starts beside it
 *   (the hedge); when an attempt fails, the next starts at once if no other is running or the
 *   other is already past its hedge delay;
 * - never more than MAX_IN_FLIGHT attempts at a time;
 * - an attempt silent for its `hardTimeoutMs` is taken for a hang: aborted (trail
 *   `client.timeout`), reported through `onHardTimeout`, and its slot goes to the next
 *   candidate. Only when another candidate can take the slot: the last hope runs on until the
 *   deadline, and is reported as hung if the deadline cuts it after its hard timeout;
 * - the first usable result wins and every other attempt is marked `cancelled` in the trail.
 *   One that had not yet reached its hedge delay (the hedge that lost) is aborted and reported
 *   through `onCancelled` with how long it had run: a lower bound on its answer time, never a
 *   fault. One already past its hedge delay (the one that was being rescued) already has the page
 *   URL, so it is left to answer until its hard timeout: its late answer goes to the caller's
 *   `attempt` function like any other (a real sample of its time, or its error), and only a
 *   silence that lasts to its hard timeout is reported, through `onHardTimeout`, as the hang it
 *   is. That tells a slow moment from a hang (lib/health/hedge-quantile.ts) at no cost in
 *   privacy or rate limit, since the request was already made.
 *
 * Error actions (lib/cobalt/error-action.ts):
 * - `stop` (private, deleted, live…) ends everything at once: the other attempt is aborted and
 *   nothing else starts, since no other instance can do better and each one tried learns the
 *   page URL (docs/rules.md "Privacy");
 * - `fix` is the attempt function's job: it amends the request and retries the same instance
 *   once before answering. A `fix` that reaches the chain means the instance could not be
 *   served with any body we can build, so it is treated as `failover`;
 * - `retry-later` and `failover` move on to the next candidate (a rate-limited instance is no
 *   use within one download; lib/health remembers when it may be tried again);
 * - an ambiguous code with `maxFailovers` (fetch.empty, fetch.short_link) stops the chain like
 *   `stop` once more instances than that bound gave it.
 *
 * Health is not recorded here: the caller wraps `attempt` to record each outcome, and listens to
 * `onCancelled` and `onHardTimeout` for the attempts that never answered, which keeps this module
 * free of effects beyond the ones passed in.
 */

/**
 * Each attempt spends a rate-limit unit on an instance and hands the page URL to one more third
 * party; two in flight hide one slow instance without multiplying either cost.
 */
export const MAX_IN_FLIGHT = 2;

/** A zero or negative delay would hedge or abandon every attempt the moment it starts. */
const MIN_DELAY_MS = 1;

interface FallbackCandidate {
  origin: string;
}

/**
 * One attempt against one instance. It must stop work when `signal` aborts; whatever it answers
 * after that is ignored.
 */
export type AttemptFn = (origin: string, signal: AbortSignal) => Promise<AttemptOutcome>;

/** The caller's verdict on a successful answer: use it, or treat it as this failure and go on. */
export type AcceptVerdict = 'accept' | { reject: ClassifiedError };

/** Opaque handle from `setTimer`, given back to `clearTimer`. */
export type TimerHandle = unknown;

export interface RunFallbackOptions {
  /** Ranked, best first. Duplicate origins are tried once. */
  candidates: readonly FallbackCandidate[];
  attempt: AttemptFn;
  /** At most this many attempts are started (settings.fallback.maxAttempts). */
  maxAttempts: number;
  /** Overall budget from the start of the chain (settings.fallback.deadlineMs). */
  deadlineMs: number;
  /** Hedge delay and hard timeout of an attempt on this origin (attemptTiming, hedge-delay.ts). */
  timing: (origin: string) => AttemptTiming;
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => TimerHandle;
  clearTimer?: (handle: TimerHandle) => void;
  /** Live progress: a fresh copy of the trail after every change. */
  onTrail?: (trail: TrailEntry[]) => void;
  /** Rejects results the caller cannot use (accept-deliverable.ts); the chain then goes on. */
  acceptResult?: (result: CobaltResult, origin: string) => AcceptVerdict;
  /**
   * An attempt was cancelled, unanswered and before its own hedge delay, because another
   * attempt gave a usable result: it would have taken at least `ms`. Evidence about its speed,
   * never a fault. Attempts cut off by the overall deadline or by a content error are not
   * reported; one past its hedge delay is left to answer instead (see above).
   */
  onCancelled?: (origin: string, ms: number) => void;
  /**
   * An attempt stayed silent for its whole hard timeout: aborted to free its slot, (the last
   * hope) still silent past it when the chain ended, or left to answer after losing and still
   * silent at its hard timeout (possibly after the chain ended). The caller records the hang.
   */
  onHardTimeout?: (origin: string, ms: number) => void;
  /**
   * The caller has instances outside this chain (the batch queue runs one instance per chain and
   * gives the link to the next itself): a hung attempt is abandoned at its hard timeout even when
   * this chain has no next candidate, instead of being kept as the last hope until the deadline.
   */
  othersOutside?: boolean;
  /**
   * Asked before every attempt after the first (a hedge or the next after a failure): false
   * skips that candidate, and the chain goes on to the next. The batch queue spends the
   * instance's rate-limit unit here (lib/batch/batch-driver.ts `hedge`), so a candidate with no
   * room in its window is never sent the link. Without it every candidate may start.
   */
  claim?: (origin: string) => boolean;
  /**
   * Subscribes to news that `timing` may answer differently now (the caller learned more about
   * an instance's answer times, e.g. another item of a batch was answered); returns the
   * unsubscribe. Each running attempt's hedge delay and hard timeout are then read again and
   * counted from its own start: an attempt already silent past its new hedge delay is hedged at
   * once, one past its new hard timeout is treated as hung. Without it, timings are read once,
   * when each attempt starts.
   */
  retime?: (listener: () => void) => () => void;
}

type FallbackFailureReason = 'content' | 'exhausted' | 'deadline' | 'no-candidates';

export type FallbackResult =
  | { ok: true; origin: string; result: CobaltResult; trail: TrailEntry[] }
  | {
      ok: false;
      reason: FallbackFailureReason;
      /**
       * content: the stopping error. exhausted: see exhaustedError(). deadline: client.deadline.
       * no-candidates: null.
       */
      error: ClassifiedError | null;
      trail: TrailEntry[];
    };

export type FallbackFailure = Extract<FallbackResult, { ok: false }>;

interface RunningAttempt {
  origin: string;
  trailIndex: number;
  startedAt: number;
  controller: AbortController;
  /** Its hedge delay passed without an answer: the next candidate may start beside it. */
  overdue: boolean;
  /** Its hard timeout passed without an answer (it may still run as the last hope). */
  hung: boolean;
  /** Its hard timeout, ms after startedAt. */
  hardTimeoutMs: number;
  /** Its hedge and hard-timeout timers while it runs; the released loser's one timer after. */
  timers: TimerHandle[];
  /** Outrun after its hedge delay: left to answer (or not) until its hard timeout. */
  released: boolean;
}

const delay = (ms: number): number =>
  Number.isFinite(ms) ? Math.max(MIN_DELAY_MS, ms) : MIN_DELAY_MS;

const defaultSetTimer = (callback: () => void, ms: number): TimerHandle => setTimeout(callback, ms);
const defaultClearTimer = (handle: TimerHandle): void =>
  clearTimeout(handle as ReturnType<typeof setTimeout>);

export function runFallback(options: RunFallbackOptions): Promise<FallbackResult> {
  const origins = uniqueOrigins(options.candidates);
  if (origins.length === 0) {
    return Promise.resolve({ ok: false, reason: 'no-candidates', error: null, trail: [] });
  }
  return new Promise<FallbackResult>((resolve) => {
    new FallbackChain(options, origins, resolve).start();
  });
}

/** One run of the chain: its attempts, trail and timers (the scheduling described above). */
class FallbackChain {
  private readonly now: () => number;
  private readonly setTimer: (callback: () => void, ms: number) => TimerHandle;
  private readonly clearTimer: (handle: TimerHandle) => void;
  private readonly maxAttempts: number;
  private readonly trail: TrailEntry[] = [];
  private readonly failures: ClassifiedError[] = [];
  private readonly rejections: ClassifiedError[] = [];
  private readonly running: RunningAttempt[] = [];
  private nextIndex = 0;
  private started = 0;
  private finished = false;
  private deadlineTimer: TimerHandle = null;
  private unsubscribe: () => void = () => undefined;

  constructor(
    private readonly options: RunFallbackOptions,
    private readonly origins: readonly string[],
    private readonly resolve: (result: FallbackResult) => void,
  ) {
    this.now = options.now ?? Date.now;
    this.setTimer = options.setTimer ?? defaultSetTimer;
    this.clearTimer = options.clearTimer ?? defaultClearTimer;
    this.maxAttempts = Number.isFinite(options.maxAttempts)
      ? Math.max(1, Math.floor(options.maxAttempts))
      : 1;
  }

  start(): void {
    this.deadlineTimer = this.setTimer(
      () => this.onDeadline(),
      Math.max(0, this.options.deadlineMs),
    );
    if (this.options.retime) this.unsubscribe = this.options.retime(() => this.retime());
    this.pump();
  }

  /**
   * Reads every running attempt's timing again (see `retime` above): its timers are set anew
   * from its start, and one already past its new hedge delay or hard timeout is handled now.
   */
  private retime(): void {
    if (this.finished) return;
    const now = this.now();
    let hedged = false;
    const hung: RunningAttempt[] = [];
    for (const run of [...this.running]) {
      for (const timer of run.timers) this.clearTimer(timer);
      run.timers = [];
      const { hedgeMs, hardTimeoutMs } = this.timingOf(run.origin);
      run.hardTimeoutMs = hardTimeoutMs;
      if (!run.overdue && now - run.startedAt >= hedgeMs) {
        run.overdue = true;
        hedged = true;
      }
      if (!run.hung && now - run.startedAt >= hardTimeoutMs) {
        run.hung = true;
        hung.push(run);
      }
      this.arm(run, hedgeMs);
    }
    for (const run of hung) this.abandon(run);
    if (hedged) this.pump();
  }

  /** The attempt's hedge delay and hard timeout, clamped (never zero, hard never before hedge). */
  private timingOf(origin: string): { hedgeMs: number; hardTimeoutMs: number } {
    const timing = this.options.timing(origin);
    const hedgeMs = delay(timing.hedgeMs);
    return { hedgeMs, hardTimeoutMs: Math.max(hedgeMs, delay(timing.hardTimeoutMs)) };
  }

  /** Sets the attempt's hedge and hard-timeout timers, counted from its start (none already due). */
  private arm(run: RunningAttempt, hedgeMs: number): void {
    const elapsed = this.now() - run.startedAt;
    if (!run.overdue) {
      run.timers.push(
        this.setTimer(
          () => {
            run.overdue = true;
            this.pump();
          },
          Math.max(MIN_DELAY_MS, hedgeMs - elapsed),
        ),
      );
    }
    if (!run.hung) {
      run.timers.push(
        this.setTimer(
          () => {
            run.hung = true;
            this.abandon(run);
          },
          Math.max(MIN_DELAY_MS, run.hardTimeoutMs - elapsed),
        ),
      );
    }
  }

  private canStartAnother(): boolean {
    return this.nextIndex < this.origins.length && this.started < this.maxAttempts;
  }

  private emit(): void {
    if (!this.options.onTrail) return;
    try {
      this.options.onTrail(this.trail.map((entry) => ({ ...entry })));
    } catch {
      // A broken progress listener must not break the download.
    }
  }

  private setEntry(run: RunningAttempt, outcome: TrailEntry['outcome'], code?: string): void {
    const entry: TrailEntry = {
      origin: run.origin,
      outcome,
      ms: Math.max(0, this.now() - run.startedAt),
    };
    if (code !== undefined) entry.code = code;
    entry.messageKey = trailMessageKey(outcome, code);
    this.trail[run.trailIndex] = entry;
  }

  private report(
    listener: ((origin: string, ms: number) => void) | undefined,
    run: RunningAttempt,
  ): void {
    if (!listener) return;
    try {
      listener(run.origin, Math.max(0, this.now() - run.startedAt));
    } catch {
      // A broken listener must not break the download.
    }
  }

  private release(run: RunningAttempt): void {
    const at = this.running.indexOf(run);
    if (at >= 0) this.running.splice(at, 1);
    for (const timer of run.timers) this.clearTimer(timer);
  }

  private launch(origin: string): void {
    const run: RunningAttempt = {
      origin,
      trailIndex: this.trail.length,
      startedAt: this.now(),
      controller: new AbortController(),
      overdue: false,
      hung: false,
      hardTimeoutMs: 0,
      timers: [],
      released: false,
    };
    const { hedgeMs, hardTimeoutMs } = this.timingOf(origin);
    run.hardTimeoutMs = hardTimeoutMs;
    this.started += 1;
    this.running.push(run);
    this.trail.push({ origin, outcome: 'running', ms: 0, messageKey: trailMessageKey('running') });
    this.emit();
    this.arm(run, hedgeMs);
    let answer: Promise<AttemptOutcome>;
    try {
      answer = this.options.attempt(origin, run.controller.signal);
    } catch (error) {
      answer = Promise.reject(error);
    }
    answer.then(
      (outcome) => this.settle(run, outcome),
      () => this.settle(run, null),
    );
  }

  /** Starts attempts while there is room; ends the chain when nothing is left to wait for. */
  private pump(): void {
    if (this.finished) return;
    while (this.running.length < MAX_IN_FLIGHT && this.canStartAnother()) {
      const alone = this.running[0];
      if (alone && !alone.overdue) break;
      const origin = this.origins[this.nextIndex];
      this.nextIndex += 1;
      const claim = this.options.claim;
      if (origin !== undefined && (this.started === 0 || !claim || claim(origin))) {
        this.launch(origin);
      }
    }
    if (this.running.length === 0) {
      this.finish({
        ok: false,
        reason: 'exhausted',
        error: exhaustedError(this.failures, this.rejections),
        trail: this.trail,
      });
    }
  }

  private abandon(run: RunningAttempt): void {
    const others = this.canStartAnother() || this.options.othersOutside === true;
    if (this.finished || !this.running.includes(run) || !others) return;
    this.release(run);
    this.setEntry(run, 'failed', SUBMIT_CODES.timeout);
    this.failures.push(submitError(SUBMIT_CODES.timeout, 'transient'));
    run.controller.abort();
    this.report(this.options.onHardTimeout, run);
    this.emit();
    this.pump();
  }

  private settle(run: RunningAttempt, outcome: AttemptOutcome | null): void {
    // A released loser answered after all: the caller's attempt function has recorded it.
    if (run.released) {
      for (const timer of run.timers) this.clearTimer(timer);
      run.released = false;
      return;
    }
    // Late answers from attempts already cancelled or abandoned are ignored.
    if (this.finished || !this.running.includes(run)) return;
    this.release(run);
    const verdict = outcome?.ok ? this.judge(outcome.result, run.origin) : null;
    if (outcome?.ok && verdict === 'accept') {
      this.setEntry(run, 'ok');
      this.finish({ ok: true, origin: run.origin, result: outcome.result, trail: this.trail });
      return;
    }
    const error: ClassifiedError =
      outcome === null
        ? submitError(SUBMIT_CODES.internal, 'client')
        : outcome.ok
          ? (verdict as { reject: ClassifiedError }).reject
          : outcome.error;
    this.setEntry(run, 'failed', error.code);
    if (outcome !== null && !outcome.ok && error.action === 'stop') {
      this.finish({ ok: false, reason: 'content', error, trail: this.trail });
      return;
    }
    // An ambiguous answer given by more instances than its bound: the content, not them.
    if (error.maxFailovers !== undefined) {
      const same = this.failures.filter((f) => f.code === error.code).length + 1;
      if (same > error.maxFailovers) {
        this.finish({ ok: false, reason: 'content', error, trail: this.trail });
        return;
      }
    }
    this.failures.push(error);
    if (outcome?.ok) this.rejections.push(error);
    this.emit();
    this.pump();
  }

  private releaseLoser(run: RunningAttempt): void {
    run.released = true;
    const left = Math.max(MIN_DELAY_MS, run.startedAt + run.hardTimeoutMs - this.now());
    run.timers = [
      this.setTimer(() => {
        if (!run.released) return;
        run.released = false;
        run.controller.abort();
        this.report(this.options.onHardTimeout, run);
      }, left),
    ];
  }

  private judge(result: CobaltResult, origin: string): AcceptVerdict {
    if (!this.options.acceptResult) return 'accept';
    try {
      return this.options.acceptResult(result, origin);
    } catch {
      return { reject: submitError(SUBMIT_CODES.internal, 'client') };
    }
  }

  private onDeadline(): void {
    if (this.finished) return;
    this.finish(
      {
        ok: false,
        reason: 'deadline',
        error: submitError(SUBMIT_CODES.deadline, 'transient'),
        trail: this.trail,
      },
      SUBMIT_CODES.deadline,
    );
  }

  /** Aborts whatever still runs (recorded as cancelled, with `cancelCode` if given) and resolves. */
  private finish(result: FallbackResult, cancelCode?: string): void {
    this.finished = true;
    this.unsubscribe();
    this.clearTimer(this.deadlineTimer);
    const losers = this.running.splice(0);
    for (const run of losers) {
      for (const timer of run.timers) this.clearTimer(timer);
      this.setEntry(run, 'cancelled', cancelCode);
    }
    for (const run of losers) {
      // Outrun after its own hedge delay: it already has the page URL, so it is left to answer
      // until its hard timeout. Its answer is then a real sample of its time (a slow moment, not
      // a hang), and its silence a hang (lib/health/hedge-quantile.ts tells the two apart).
      if (result.ok && run.overdue && !run.hung) this.releaseLoser(run);
      else run.controller.abort();
    }
    // Silent past its hard timeout (the last hope, outrun or cut by the deadline): a hang.
    // Outpaced before its hedge delay: a lower bound on its time.
    for (const run of losers) {
      if (run.released) continue;
      if (run.hung) this.report(this.options.onHardTimeout, run);
      else if (result.ok) this.report(this.options.onCancelled, run);
    }
    this.emit();
    this.resolve({ ...result, trail: this.trail.map((entry) => ({ ...entry })) });
  }
}

/**
 * The error to show when every candidate failed, most useful first (the full story is in the
 * trail):
 * 1. instances did answer, but only with files that still need muxing: "no instance serves a
 *    ready file", even if others failed for other reasons;
 * 2. an instance refused the key the user gave it (remedy `fix-key`): the one failure the user
 *    caused and can fix, so it is not buried under a later timeout;
 * 3. otherwise the last failure in time, the freshest fact.
 */
export function exhaustedError(
  failures: readonly ClassifiedError[],
  rejections: readonly ClassifiedError[],
): ClassifiedError | null {
  const lastRejection = rejections.at(-1);
  if (
    lastRejection &&
    rejections.every((r) => r.code.startsWith(SUBMIT_CODES.needsLocalProcessing))
  ) {
    return lastRejection;
  }
  const badKey = failures.findLast((failure) => failure.remedy === 'fix-key');
  return badKey ?? failures.at(-1) ?? null;
}

function uniqueOrigins(candidates: readonly FallbackCandidate[]): string[] {
  return [...new Set(candidates.map((candidate) => candidate.origin))];
}

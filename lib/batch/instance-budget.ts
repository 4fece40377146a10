import type { RateLimitInfo } from '../cobalt/cobalt-result';

/**
 * What the client knows about one instance's rate limit on `POST /`, and how many requests it
 * has in flight there. cobalt counts requests per client in a fixed window (express-rate-limit,
 * docs/cobalt-api.md §3.3; default 20 per 60 s): every request sent uses one unit of the window
 * whether or not the answer has come back, so the budget is spent when a request is SENT and
 * corrected (only ever downwards) when an answer reports `RateLimit-Remaining`.
 */
export interface InstanceBudget {
  /** Requests per window, from `RateLimit-Limit` / `-Policy`, or cobalt's default until told. */
  limit: number;
  /** Window length (ms): the largest `RateLimit-Reset` seen, or cobalt's default. */
  windowMs: number;
  /** Units left in the current window, counting requests still in flight. */
  remaining: number;
  /**
   * When the current window ends (ms epoch); null while no answer of this window has said it
   * (the server's window starts at its first request, which we cannot time exactly).
   */
  resetAt: number | null;
  /** `Retry-After` or a 429: no request before this time. */
  blockedUntil: number;
  /** The first request sent while `resetAt` was unknown: the window ends within a window of it. */
  openedAt: number | null;
  inFlight: number;
  /** True once an answer carried the instance's own numbers. */
  learned: boolean;
}

/** cobalt's defaults, `RATELIMIT_MAX` and `RATELIMIT_WINDOW` (docs/cobalt-api.md §3.1). */
const DEFAULT_LIMIT = 20;
const DEFAULT_WINDOW_MS = 60_000;
/** A 429 that names no wait rests the instance for a default window. */
const REST_AFTER_BARE_429_MS = DEFAULT_WINDOW_MS;
/**
 * The server's window starts when our first request reaches it, at most one answer's time after
 * we sent it (lib/submit gives up on an instance well within this).
 */
const ARRIVAL_SLACK_MS = 30_000;

export function freshBudget(limit = DEFAULT_LIMIT, windowMs = DEFAULT_WINDOW_MS): InstanceBudget {
  return {
    limit,
    windowMs,
    remaining: limit,
    resetAt: null,
    blockedUntil: 0,
    openedAt: null,
    inFlight: 0,
    learned: false,
  };
}

/** The budget as of `now`: a window that has ended gives its full limit back. */
function budgetAt(budget: InstanceBudget, now: number): InstanceBudget {
  const end = windowEnd(budget);
  if (end === null || now < end) return budget;
  // Requests in flight were sent in the old window; the server counts them there, but we
  // cannot tell whether they arrived before its reset, so they count against the new one too.
  return {
    ...budget,
    remaining: Math.max(0, budget.limit - budget.inFlight),
    resetAt: null,
    openedAt: null,
  };
}

/**
 * When the current window ends: as an answer said, or — when no answer of the window came
 * (all lost to a worker stop) — a window plus the slack after the first request sent in it.
 */
function windowEnd(budget: InstanceBudget): number | null {
  if (budget.resetAt !== null) return budget.resetAt;
  if (budget.openedAt === null || budget.inFlight > 0) return null;
  return budget.openedAt + budget.windowMs + ARRIVAL_SLACK_MS;
}

/** How many requests may be sent now without going over what the instance allows. */
export function available(budget: InstanceBudget, now: number): number {
  const current = budgetAt(budget, now);
  if (now < current.blockedUntil) return 0;
  return Math.max(0, current.remaining);
}

/** When the instance may next take a request (ms epoch), or null when only an answer can tell. */
export function nextFreeAt(budget: InstanceBudget, now: number): number | null {
  if (available(budget, now) > 0) return now;
  const blocked = Math.max(now, budget.blockedUntil);
  const end = windowEnd(budget);
  if (budget.remaining > 0 || (end !== null && end <= blocked)) return blocked;
  return end === null ? null : Math.max(blocked, end);
}

export function onSend(budget: InstanceBudget, now: number): InstanceBudget {
  const current = budgetAt(budget, now);
  return {
    ...current,
    remaining: current.remaining - 1,
    inFlight: current.inFlight + 1,
    openedAt: current.resetAt === null ? (current.openedAt ?? now) : current.openedAt,
  };
}

/**
 * An answer arrived (any status). Its headers describe the window as the server saw it when
 * it answered: fewer remaining than we count means someone else uses the same allowance
 * (another browser, a shared address), so we believe the lower number; more means requests we
 * sent have not reached it yet, so we keep ours.
 */
export function onAnswer(
  budget: InstanceBudget,
  info: RateLimitInfo | null,
  status: number,
  now: number,
): InstanceBudget {
  const current = budgetAt(budget, now);
  let next: InstanceBudget = { ...current, inFlight: Math.max(0, current.inFlight - 1) };
  if (info) next = withHeaders(next, info, now);
  if (status === 429) {
    const wait = info?.retryAfterSeconds ?? info?.resetSeconds;
    const until =
      now + (wait !== null && wait !== undefined ? wait * 1000 : REST_AFTER_BARE_429_MS);
    // A 429 says "nothing before `until`", never that our window ends sooner than we knew: its
    // headers may describe a limit other users spend (a shared address), and ending our own
    // window early on its word would send a whole window into the one still running.
    const known = current.resetAt ?? next.resetAt;
    const resetAt = known === null ? until : Math.max(known, until);
    next = { ...next, remaining: 0, blockedUntil: Math.max(next.blockedUntil, until), resetAt };
  }
  return next;
}

/** The request never got an answer (network failure): the unit stays spent. */
export function onNoAnswer(budget: InstanceBudget, now: number): InstanceBudget {
  const current = budgetAt(budget, now);
  return { ...current, inFlight: Math.max(0, current.inFlight - 1) };
}

function withHeaders(budget: InstanceBudget, info: RateLimitInfo, now: number): InstanceBudget {
  const limit = info.limit ?? budget.limit;
  const windowMs =
    info.resetSeconds === null
      ? budget.windowMs
      : Math.max(budget.windowMs, info.resetSeconds * 1000);
  const learned = budget.learned || info.limit !== null;
  const limits = { ...budget, limit, windowMs: learned ? windowMs : budget.windowMs, learned };
  if (info.resetSeconds === null) {
    const remaining =
      info.remaining === null ? limits.remaining : Math.min(limits.remaining, info.remaining);
    return { ...limits, remaining };
  }
  const resetAt = now + info.resetSeconds * 1000;
  // `RateLimit-Reset` is computed when the request ARRIVED, so an answer that took longer says
  // a later end for the same window (requests sent together come back seconds apart). Only an
  // end more than half a window after ours means the server counted this request in a new
  // window: an answer 30 s slower than another of the same window is far past a working
  // instance's tail (cobalt's web app gives up after 20 s: docs/performance.md "World model").
  const newWindow = budget.resetAt !== null && resetAt > budget.resetAt + budget.windowMs / 2;
  if (newWindow) {
    // The server started a window after ours ended: its count is the truth, less what is still
    // on the way to it.
    const remaining = (info.remaining ?? limit) - budget.inFlight;
    return { ...limits, remaining: Math.max(0, remaining), resetAt };
  }
  const told = info.remaining ?? limit;
  // A lower limit than assumed shrinks what is left by the difference.
  const shrunk = budget.remaining - Math.max(0, budget.limit - limit);
  const remaining = Math.max(0, Math.min(shrunk, told));
  return {
    ...limits,
    remaining,
    resetAt: budget.resetAt === null ? resetAt : Math.min(budget.resetAt, resetAt),
  };
}

/**
 * After the worker stopped, requests it had in flight will never be answered here; their units
 * stay spent (the server may have counted them) but they no longer hold a slot.
 */
export function afterRestart(budget: InstanceBudget): InstanceBudget {
  return budget.inFlight === 0 ? budget : { ...budget, inFlight: 0 };
}

import type { AttemptOutcome, CobaltResult } from '../../../lib/cobalt/cobalt-result';
import type { ClassifiedError, ErrorAction, ErrorClass } from '../../../lib/cobalt/error-action';
import type { AttemptFn } from '../../../lib/submit/run-fallback';

/**
 * Attempts the test answers by hand. Tracks how many are in flight from the chain's point of
 * view (called, neither answered nor aborted), so tests can assert the MAX_IN_FLIGHT invariant.
 */
interface FakeCall {
  origin: string;
  signal: AbortSignal;
  answer: (outcome: AttemptOutcome) => void;
  /** Makes the attempt promise reject (a broken attempt function). */
  explode: () => void;
}

export interface FakeAttempts {
  attempt: AttemptFn;
  calls: FakeCall[];
  call: (origin: string) => FakeCall;
  origins: () => string[];
  inFlight: () => number;
  maxInFlight: () => number;
  aborted: () => string[];
}

export function fakeAttempts(): FakeAttempts {
  const calls: FakeCall[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const aborted: string[] = [];
  return {
    calls,
    attempt(origin, signal) {
      return new Promise<AttemptOutcome>((resolve, reject) => {
        let open = true;
        const close = () => {
          if (!open) return false;
          open = false;
          inFlight -= 1;
          return true;
        };
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        signal.addEventListener('abort', () => {
          if (close()) aborted.push(origin);
        });
        calls.push({
          origin,
          signal,
          answer: (outcome) => {
            close();
            resolve(outcome);
          },
          explode: () => {
            close();
            reject(new Error('attempt blew up'));
          },
        });
      });
    },
    call(origin) {
      const found = calls.find((c) => c.origin === origin);
      if (!found) throw new Error(`no attempt was made against ${origin}`);
      return found;
    },
    origins: () => calls.map((c) => c.origin),
    inFlight: () => inFlight,
    maxInFlight: () => maxInFlight,
    aborted: () => [...aborted],
  };
}

export const TUNNEL: CobaltResult = {
  status: 'tunnel',
  url: 'https://api.example.test/tunnel?id=abc',
  filename: 'clip.mp4',
};

export function ok(result: CobaltResult = TUNNEL, ms = 100): AttemptOutcome {
  return { ok: true, result, ms, rateLimit: null };
}

export function failed(
  code: string,
  action: ErrorAction,
  errorClass: ErrorClass = 'instance',
): AttemptOutcome {
  const error: ClassifiedError = { code, action, errorClass };
  return { ok: false, error, ms: 50, rateLimit: null };
}

export const RATE_LIMITED = failed('error.api.rate_exceeded', 'retry-later');
export const FETCH_FAIL = failed('error.api.fetch.fail', 'failover');
export const PRIVATE = failed('error.api.content.post.private', 'stop', 'content');

/** How a scripted instance behaves: answer after `after` ms of the fake clock, or never. */
export type Script = { after: number; outcome: AttemptOutcome } | 'hang';

export interface ScriptedAttempts extends FakeAttempts {
  /** `origin@startTime` for every call, in order. */
  starts: () => string[];
}

/** Fake attempts that answer by themselves on the fake clock, per origin. */
export function scriptedAttempts(
  clock: { now: () => number; setTimer: (callback: () => void, ms: number) => unknown },
  script: Record<string, Script>,
): ScriptedAttempts {
  const fakes = fakeAttempts();
  const t0 = clock.now();
  const starts: string[] = [];
  return {
    ...fakes,
    attempt(origin, signal) {
      starts.push(`${origin}@${clock.now() - t0}`);
      const promise = fakes.attempt(origin, signal);
      const call = fakes.calls.at(-1);
      const behaviour = script[origin] ?? 'hang';
      if (call && behaviour !== 'hang') {
        clock.setTimer(() => call.answer(behaviour.outcome), behaviour.after);
      }
      return promise;
    },
    starts: () => [...starts],
  };
}

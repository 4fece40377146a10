import { checkInvariants } from './invariants';
import { isLoopbackHost } from './loopback-names';
import {
  HARNESS_MARK,
  recordClientCall,
  recordRefusedFetch,
  registry,
  resetRegistry,
} from './server-registry';

/**
 * vitest setup file (vitest.config.ts `setupFiles`): for every test file, record what the test
 * servers receive and what the test process fetches, then check the security invariants
 * (test/support/invariants.ts, docs/security.md) over all of it. A violation fails the file
 * with the list of offending requests.
 *
 * It also guards `fetch` for the whole process: anything but 127.0.0.1 is refused (and reported,
 * unless the file called `expectRefusedFetches()`), so no test ever leaves loopback.
 */

const WRAPPED = Symbol.for('cobalt-picker.fetch-guard');

type Guarded = typeof fetch & { [WRAPPED]?: true };

function installFetchGuard(): void {
  const original = globalThis.fetch as Guarded | undefined;
  if (typeof original !== 'function' || original[WRAPPED]) return;
  const guarded: Guarded = Object.assign(
    async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
      const target = absoluteUrl(input);
      // a `blob:` URL is a file in this process (a test reading what local processing made)
      if (target && target.protocol !== 'blob:') {
        if (!isLoopbackHost(target.hostname)) {
          recordRefusedFetch(target.origin);
          throw new TypeError(`test fetch refused: ${target.origin} is not 127.0.0.1`);
        }
        const request = input instanceof Request ? input : null;
        const harness = (init as Record<symbol, unknown> | undefined)?.[HARNESS_MARK];
        recordClientCall({
          method: (init?.method ?? request?.method ?? 'GET').toUpperCase(),
          url: `${target.origin}${target.pathname}${target.search}`,
          authorization: new Headers(init?.headers ?? request?.headers).get('authorization'),
          body: typeof init?.body === 'string' ? init.body : '',
          harness: typeof harness === 'number' ? harness : null,
        });
      }
      return original(input, init);
    },
    { [WRAPPED]: true as const },
  );
  globalThis.fetch = guarded;
}

/** The URL a fetch is for, when it is absolute (relative ones belong to DOM test environments). */
function absoluteUrl(input: Parameters<typeof fetch>[0]): URL | null {
  const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

installFetchGuard();

beforeAll(() => {
  resetRegistry(true);
});

afterAll(() => {
  const state = registry();
  const violations = checkInvariants(state);
  resetRegistry(false);
  if (violations.length > 0) {
    throw new Error(
      `security invariants violated in this file (docs/security.md):\n- ${violations.join('\n- ')}`,
    );
  }
});

import type { AttemptOutcome } from '../../../lib/cobalt/cobalt-result';
import type { FetchLike } from '../../../lib/net/http';
import { DEEP_TEST_CODES, deepTest, type DeepTestRequest } from '../../../lib/probe/deep-test';

const ORIGIN = 'https://inst.example';
const LINK = 'https://www.youtube.com/watch?v=vPwaXytZcgI';
const fetch: FetchLike = () => Promise.reject(new Error('deepTest must not fetch by itself'));

const tunnel: AttemptOutcome = {
  ok: true,
  result: { status: 'tunnel', url: `${ORIGIN}/tunnel?id=1`, filename: 'a.mp4' },
  ms: 840,
  rateLimit: null,
};
const blocked: AttemptOutcome = {
  ok: false,
  error: { code: 'error.api.youtube.login', action: 'failover', errorClass: 'instance' },
  ms: 1200,
  rateLimit: null,
};

describe('deepTest', () => {
  it.each<[string, AttemptOutcome, object]>([
    ['a working instance', tunnel, { ok: true, ms: 840 }],
    [
      'a blocked instance',
      blocked,
      {
        ok: false,
        code: 'error.api.youtube.login',
        ms: 1200,
        error: blocked.ok ? undefined : blocked.error,
      },
    ],
  ])('reports %s', async (_name, outcome, expected) => {
    const requestInstance = vi.fn<DeepTestRequest>().mockResolvedValue(outcome);
    const report = await deepTest({
      fetch,
      origin: ORIGIN,
      service: 'youtube',
      testLink: LINK,
      requestInstance,
    });
    expect(report).toEqual({ origin: ORIGIN, service: 'youtube', ...expected });
  });

  it('posts the public test link to that instance only, once', async () => {
    const requestInstance = vi.fn<DeepTestRequest>().mockResolvedValue(tunnel);
    await deepTest({ fetch, origin: ORIGIN, service: 'youtube', testLink: LINK, requestInstance });
    expect(requestInstance).toHaveBeenCalledTimes(1);
    expect(requestInstance.mock.calls[0]?.[0]).toMatchObject({ fetch, origin: ORIGIN, url: LINK });
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'not a url'])(
    'refuses a test link that is not http(s) (%s) without sending anything',
    async (testLink) => {
      const requestInstance = vi.fn<DeepTestRequest>();
      const report = await deepTest({
        fetch,
        origin: ORIGIN,
        service: 'youtube',
        testLink,
        requestInstance,
      });
      expect(report).toEqual({
        origin: ORIGIN,
        service: 'youtube',
        ok: false,
        code: DEEP_TEST_CODES.badTestLink,
        ms: 0,
      });
      expect(requestInstance).not.toHaveBeenCalled();
    },
  );

  it('contains a request function that throws', async () => {
    let t = 1000;
    const requestInstance: DeepTestRequest = async () => {
      t += 25;
      throw new Error('boom');
    };
    const report = await deepTest({
      fetch,
      origin: ORIGIN,
      service: 'tiktok',
      testLink: LINK,
      requestInstance,
      now: () => t,
    });
    expect(report).toEqual({
      origin: ORIGIN,
      service: 'tiktok',
      ok: false,
      code: DEEP_TEST_CODES.internal,
      ms: 25,
    });
  });

  it('measures the time itself when the outcome has no usable ms', async () => {
    let t = 0;
    const requestInstance: DeepTestRequest = async () => {
      t += 300;
      return { ...tunnel, ms: Number.NaN };
    };
    const report = await deepTest({
      fetch,
      origin: ORIGIN,
      service: 'youtube',
      testLink: LINK,
      requestInstance,
      now: () => t,
    });
    expect(report.ms).toBe(300);
  });
});

import type { FetchLike } from '../../../lib/net/http';
import {
  USER_AGENT,
  fetchUserAgent,
  userAgentRule,
  withUserAgent,
} from '../../../lib/net/user-agent';

describe('the User-Agent rule', () => {
  it.each([
    ['Firefox honours the fetch header', true, USER_AGENT],
    ['Chromium drops it (the session rule sets it instead)', false, undefined],
  ])('%s', (_name, honours, expected) => {
    expect(fetchUserAgent(honours)).toBe(expected);
  });

  it('sets the header on every request of a wrapped fetch, keeping the others', async () => {
    const seen: Headers[] = [];
    const base: FetchLike = (_input, init) => {
      seen.push(new Headers(init?.headers));
      return Promise.resolve(new Response('ok'));
    };
    const wrapped = withUserAgent(base, USER_AGENT);
    await wrapped('https://tracker.example/feed.json', { headers: { accept: 'application/json' } });
    expect(seen[0]?.get('user-agent')).toBe(USER_AGENT);
    expect(seen[0]?.get('accept')).toBe('application/json');
    expect(withUserAgent(base, undefined)).toBe(base);
  });

  it("limits the session rule to the extension's own requests", () => {
    expect(userAgentRule('abcdef').condition).toEqual({
      initiatorDomains: ['abcdef'],
      resourceTypes: ['xmlhttprequest'],
    });
  });
});

import { startCobaltServer, type CobaltServer } from '../support/cobalt-server';
import {
  feedEntry,
  loopbackSettings,
  startEngine,
  until,
  type Harness,
} from '../support/engine-harness';
import { checkInvariants } from '../support/invariants';
import { registry, type RegistryState, type SeenRequest } from '../support/server-registry';
import { startTrackerServer, type TrackerServer } from '../support/tracker-server';

/**
 * The suite-wide invariant checker (test/support/invariants.ts) is not vacuous: over the record
 * of a real chain (engine → keyed instance that fails → open instance that serves) it finds
 * nothing, and each rule fires when the record is changed the way a bug would change it.
 */

const YT = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
const KEY = '582f214c-8531-40d5-9a5c-7f51ae99319d';

let servers: CobaltServer[] = [];
let tracker: TrackerServer | null = null;
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await tracker?.close();
  servers = [];
});

/** A real chain: the keyed instance fails over to the open one, which serves the file. */
async function realChain(): Promise<{ h: Harness; keyed: CobaltServer; open: CobaltServer }> {
  servers = [await startCobaltServer({ apiKeys: [KEY] }), await startCobaltServer()];
  const [keyed, open] = servers as [CobaltServer, CobaltServer];
  await keyed.setBehavior({ kind: 'error', code: 'error.api.fetch.fail' });
  tracker = await startTrackerServer({ defaults: false });
  tracker.setFeed('/feed.json', JSON.stringify(servers.map((s) => feedEntry(s))));
  const h = startEngine({ tabs: { 7: YT } });
  await h.engine.handle({
    type: 'settings/save',
    payload: {
      settings: loopbackSettings(`${tracker.url}/feed.json`, {
        pinned: [keyed.origin, open.origin],
        myInstances: [{ origin: keyed.origin, apiKey: KEY }],
        fallback: { maxAttempts: 2, deadlineMs: 10_000, hedgeMs: 5000 },
      }),
    },
  });
  await h.engine.handle({ type: 'sources/refresh', payload: {} });
  const start = await h.engine.handle({
    type: 'download/start',
    payload: { tabId: 7, url: null, mode: 'auto' },
  });
  if (!('jobId' in start)) throw new Error('no job');
  await until(() =>
    h.engine.state().jobs.find((j) => j.id === start.jobId && j.state !== 'running'),
  );
  await Promise.all(h.downloads.settled);
  return { h, keyed, open };
}

/** A copy of the live record that a test may change without touching the real one. */
function copy(state: RegistryState): RegistryState {
  return {
    ...state,
    requests: state.requests.map((r) => ({ ...r, headers: { ...r.headers } })),
    client: [...state.client],
    tags: [...state.tags],
    intended: [...state.intended],
    actions: [...state.actions],
    settings: [...state.settings],
    harnesses: state.harnesses.map((h) => ({ ...h, downloads: [...h.downloads] })),
    jobs: new Map(state.jobs),
  };
}

function postTo(state: RegistryState, origin: string): SeenRequest {
  const found = state.requests.find((r) => r.method === 'POST' && r.server.origin === origin);
  if (!found) throw new Error(`no POST to ${origin}`);
  return found;
}

describe('the invariant checker', () => {
  it('finds nothing wrong in a real chain, whose requests it attributes to the engine', async () => {
    const { keyed, open } = await realChain();
    const state = registry();
    expect(checkInvariants(state)).toEqual([]);
    // It really saw the chain: both POSTs, from the engine, after the click.
    const keyedPost = postTo(state, keyed.origin);
    expect(keyedPost.headers.authorization).toBe(`Api-Key ${KEY}`);
    expect(postTo(state, open.origin).headers).not.toHaveProperty('authorization');
    const engineCalls = state.client.filter((c) => c.harness !== null && c.method === 'POST');
    expect(engineCalls.length).toBeGreaterThanOrEqual(2);
    expect(state.actions.filter((a) => a.kind === 'download')).toHaveLength(1);
  });

  it('(a) flags a key sent where the settings do not give it, or on a GET, or by a followed redirect', async () => {
    const { keyed, open } = await realChain();
    const noKeyInSettings = copy(registry());
    noKeyInSettings.settings = noKeyInSettings.settings.map((s) => ({ ...s, keys: [] }));
    expect(checkInvariants(noKeyInSettings).join('\n')).toMatch(
      /^\(a\) API key 582f214c….*settings/m,
    );

    const onGet = copy(registry());
    const probe = { ...postTo(onGet, open.origin), method: 'GET', seq: onGet.seq + 1 };
    probe.headers = { ...probe.headers, authorization: `Api-Key ${KEY}` };
    onGet.requests.push(probe);
    expect(checkInvariants(onGet).join('\n')).toMatch(/\(a\) .*never on a GET/);

    const redirected = copy(registry());
    const followed = { ...postTo(redirected, keyed.origin), seq: redirected.seq + 1 };
    followed.server = { ...followed.server, origin: open.origin, apiKeys: () => [] };
    redirected.requests.push(followed);
    expect(checkInvariants(redirected).join('\n')).toMatch(/\(a\) .*a followed redirect/);
  });

  it('(b) flags a request to an instance tagged, blocked in the settings, or marked not_safe by its feed', async () => {
    const { open } = await realChain();
    const tagged = copy(registry());
    tagged.tags.push({ origin: open.origin, tag: 'not_safe', seq: 0 });
    expect(checkInvariants(tagged).join('\n')).toMatch(/\(b\) POST .* tagged not_safe/);

    const blocked = copy(registry());
    blocked.settings = blocked.settings.map((s) => ({ ...s, blocked: [open.origin] }));
    expect(checkInvariants(blocked).join('\n')).toMatch(/\(b\) .*the user blocked/);

    const feedSays = copy(registry());
    const feed = feedSays.requests.findLast((r) => r.served !== undefined);
    if (!feed?.served) throw new Error('no feed served');
    const entries = JSON.parse(feed.served) as Record<string, unknown>[];
    feed.served = JSON.stringify(
      entries.map((e) => (open.origin.endsWith(String(e.api)) ? { ...e, trust: 'not_safe' } : e)),
    );
    expect(checkInvariants(feedSays).join('\n')).toMatch(/\(b\) .*its feed marks not_safe/);
  });

  it('(c) flags a page URL sent without a user action, outside the trail, or on a probe', async () => {
    const { open } = await realChain();
    const noAction = copy(registry());
    noAction.actions = [];
    expect(checkInvariants(noAction).join('\n')).toMatch(/\(c\) .*no user action/);

    const notTried = copy(registry());
    notTried.jobs = new Map(
      [...notTried.jobs].map(([id, j]) => [id, { ...j, origins: new Set() }]),
    );
    notTried.harnesses = notTried.harnesses.map((h) => ({ ...h, jobs: () => [] }));
    expect(checkInvariants(notTried).join('\n')).toMatch(/\(c\) .*whose trail names/);

    const probe = copy(registry());
    probe.requests.push({
      ...postTo(probe, open.origin),
      method: 'GET',
      path: `/?ref=${encodeURIComponent(YT)}`,
      body: '',
      seq: probe.seq + 1,
    });
    expect(checkInvariants(probe).join('\n')).toMatch(/\(c\) GET .* carried a page URL/);
  });

  it('(d) flags an engine or a test that tried to leave 127.0.0.1', async () => {
    await realChain();
    const left = copy(registry());
    left.harnesses = left.harnesses.map((h) => ({
      ...h,
      refused: ['https://instances.hyper.lol'],
    }));
    left.refusedFetches = ['https://example.com'];
    const found = checkInvariants(left).join('\n');
    expect(found).toMatch(/\(d\) engine harness #\d+ tried to leave 127\.0\.0\.1/);
    expect(found).toMatch(/\(d\) the test process tried to fetch off 127\.0\.0\.1/);
  });

  it("(e) flags a download on an origin that served none of the engine's jobs", async () => {
    const { keyed, open } = await realChain();
    const state = registry();
    const harness = state.harnesses.at(-1);
    // It really saw the download, on the instance that served the job.
    expect(harness?.downloads.map((url) => new URL(url).origin)).toEqual([open.origin]);
    const moved = copy(state);
    moved.harnesses = moved.harnesses.map((h) => ({
      ...h,
      downloads: [
        ...h.downloads,
        `${keyed.origin}/tunnel?id=1`,
        'http://192.168.1.1/cgi-bin/reboot.cgi',
      ],
    }));
    const found = checkInvariants(moved).join('\n');
    expect(found).toContain(`(e) engine harness #${harness?.id} downloaded from ${keyed.origin}`);
    expect(found).toContain('downloaded from http://192.168.1.1');
  });
});

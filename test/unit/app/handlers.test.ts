import { createBatchManager } from '../../../lib/app/batch-manager';
import { createRanking } from '../../../lib/app/engine-ranking';
import { createHandlers } from '../../../lib/app/handlers';
import { createJobManager } from '../../../lib/app/job-manager';
import { createProbeScheduler } from '../../../lib/app/probe-scheduler';
import { createSourceScheduler } from '../../../lib/app/source-scheduler';
import { settingsItem } from '../../../lib/app/stored-items';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { exportSettings } from '../../../lib/settings/settings-file';
import { START, testContext, type TestContext } from './engine-context';

const A = 'https://a.example';

function handlersOf(ctx: TestContext) {
  const ranking = createRanking(ctx);
  return createHandlers({
    ctx,
    ranking,
    jobs: createJobManager(ctx, ranking.rankFor),
    sources: createSourceScheduler(ctx),
    probes: createProbeScheduler(ctx),
    batch: createBatchManager(ctx, ranking.rankFor),
  });
}

describe('createHandlers', () => {
  it('instance/pin and instance/block change the stored settings; block wins over a pin', async () => {
    const ctx = testContext();
    const handlers = handlersOf(ctx);
    expect(await handlers['instance/pin']({ origin: A, pinned: true })).toEqual({ ok: true });
    expect(ctx.state.settings.pinned).toEqual([A]);
    expect(await handlers['instance/block']({ origin: A, blocked: true })).toEqual({ ok: true });
    expect(ctx.state.settings).toMatchObject({ pinned: [], blocked: [A] });
    expect((await ctx.store.read(settingsItem)).value).toMatchObject({ pinned: [], blocked: [A] });
    expect(ctx.broadcasts).toEqual([
      { type: 'changed', what: 'settings' },
      { type: 'changed', what: 'settings' },
    ]);
  });

  it('settings/save refuses invalid settings with their problems and keeps the last good ones', async () => {
    const ctx = testContext();
    const bad = {
      ...DEFAULT_SETTINGS,
      sources: { ...DEFAULT_SETTINGS.sources, refreshMinutes: 1 },
    };
    const res = await handlersOf(ctx)['settings/save']({ settings: bad });
    expect(res).toMatchObject({ ok: false, problems: [{ path: 'sources.refreshMinutes' }] });
    expect(ctx.state.settings).toBe(DEFAULT_SETTINGS);
    expect(ctx.broadcasts).toEqual([]);
  });

  it('settings/export and settings/import round-trip; a broken file is refused in plain words', async () => {
    const ctx = testContext();
    const handlers = handlersOf(ctx);
    const { json } = await handlers['settings/export']({});
    expect(json).toBe(exportSettings(DEFAULT_SETTINGS, START));
    expect(await handlers['settings/import']({ json })).toEqual({ ok: true });
    const broken = await handlers['settings/import']({ json: '{' });
    expect(broken.ok).toBe(false);
  });

  it('a change of sources refreshes them; other changes do not', async () => {
    const ctx = testContext({ answer: () => new Response('down', { status: 503 }) });
    const handlers = handlersOf(ctx);
    await handlers['instance/pin']({ origin: A, pinned: true });
    expect(ctx.fetched).toEqual([]);
    const custom = 'https://lists.example/feed.json';
    const sources = { ...ctx.state.settings.sources, custom: [{ url: custom, enabled: true }] };
    await handlers['settings/save']({ settings: { ...ctx.state.settings, sources } });
    await vi.waitFor(() => expect(ctx.fetched).toContain(custom));
  });

  it('popup/snapshot of the active tab classifies its page', async () => {
    const ctx = testContext({ tabs: { 3: 'https://example.com/' }, activeTab: 3 });
    const snap = await handlersOf(ctx)['popup/snapshot']({ tabId: null });
    expect(snap).toMatchObject({
      tabId: 3,
      page: { kind: 'unsupported' },
      instances: [],
      job: null,
    });
  });

  it('instance/test never contacts a blocked instance', async () => {
    const ctx = testContext();
    ctx.state.settings = { ...DEFAULT_SETTINGS, blocked: [A] };
    expect(await handlersOf(ctx)['instance/test']({ origin: A, service: 'youtube' })).toEqual([]);
    expect(ctx.fetched).toEqual([]);
  });
});

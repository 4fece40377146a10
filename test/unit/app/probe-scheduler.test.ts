import { createProbeScheduler } from '../../../lib/app/probe-scheduler';
import { probeCacheItem } from '../../../lib/app/stored-items';
import { rank } from '../../../lib/rank/rank';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { inst, stateOf } from '../rank/rank-fixtures';
import { json, START, testContext } from './engine-context';

const ORIGINS = ['https://a.example', 'https://b.example'];
const ranked = () => rank('youtube', stateOf(ORIGINS.map((o) => inst(o))), DEFAULT_SETTINGS, START);

describe('createProbeScheduler', () => {
  it('probes the candidates, stores what it learnt, and tells the open pages', async () => {
    const ctx = testContext({ answer: () => json({ cobalt: { version: '11.2.0' } }) });
    createProbeScheduler(ctx).probeCandidates(ranked());
    await vi.waitFor(() =>
      expect(ctx.broadcasts).toEqual([{ type: 'changed', what: 'instances' }]),
    );
    expect([...ctx.fetched].sort()).toEqual(ORIGINS.map((o) => `${o}/`));
    expect(ctx.state.probes['https://a.example']).toMatchObject({ ok: true, version: '11.2.0' });
    expect((await ctx.store.read(probeCacheItem)).value).toEqual(ctx.state.probes);
  });

  it('runs one sweep at a time: a call while one runs is dropped', async () => {
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const ctx = testContext({
      answer: async () => {
        await gate;
        return json({ cobalt: { version: '11.2.0' } });
      },
    });
    const probes = createProbeScheduler(ctx);
    probes.probeCandidates(ranked());
    probes.probeCandidates(ranked());
    release();
    await vi.waitFor(() => expect(ctx.broadcasts).toHaveLength(1));
    expect(ctx.fetched).toHaveLength(ORIGINS.length);
  });

  it('a fresh cache answers without a request or a broadcast', async () => {
    const ctx = testContext({ answer: () => json({ cobalt: { version: '11.2.0' } }) });
    const probes = createProbeScheduler(ctx);
    probes.probeCandidates(ranked());
    await vi.waitFor(() => expect(ctx.broadcasts).toHaveLength(1));
    const cached = ctx.state.probes;
    probes.probeCandidates(ranked());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ctx.fetched).toHaveLength(ORIGINS.length);
    expect(ctx.broadcasts).toHaveLength(1);
    expect(ctx.state.probes).toBe(cached);
  });

  it('asks nothing when probing is off', async () => {
    const ctx = testContext({ answer: () => json({ cobalt: { version: '11.2.0' } }) });
    ctx.state.settings = {
      ...DEFAULT_SETTINGS,
      probe: { ...DEFAULT_SETTINGS.probe, enabled: false },
    };
    createProbeScheduler(ctx).probeCandidates(ranked());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ctx.fetched).toEqual([]);
    expect(ctx.broadcasts).toEqual([]);
  });
});

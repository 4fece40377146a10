import { initialState, loadState } from '../../../lib/app/engine-state';
import { recentItem, settingsItem } from '../../../lib/app/stored-items';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { testContext } from './engine-context';

describe('loadState', () => {
  it('reads every stored item into the state', async () => {
    const ctx = testContext();
    await ctx.store.write(settingsItem, { ...DEFAULT_SETTINGS, saveAs: true });
    const recent = [{ at: 1, service: 'youtube', filename: 'a.mp4', servedBy: null, ok: true }];
    await ctx.store.write(recentItem, recent);
    await loadState(ctx);
    expect(ctx.state.settings.saveAs).toBe(true);
    expect(ctx.state.recent).toEqual(recent);
    expect(ctx.state.notices).toEqual([]);
  });

  it('an empty store gives the defaults', async () => {
    const ctx = testContext();
    await loadState(ctx);
    expect(ctx.state).toEqual(initialState());
  });

  it('a corrupt stored value is reset field by field and the user is told', async () => {
    const ctx = testContext();
    await ctx.area.set(settingsItem.key, {
      version: settingsItem.version,
      value: { ...DEFAULT_SETTINGS, saveAs: 'sometimes' },
    });
    await loadState(ctx);
    expect(ctx.state.settings.saveAs).toBe(DEFAULT_SETTINGS.saveAs);
    expect(ctx.state.notices).toEqual([
      { key: 'noticeStoredValueReset', params: [expect.stringContaining('saveAs')] },
    ]);
    expect(ctx.logs).toEqual([expect.stringContaining('saveAs')]);
  });
});

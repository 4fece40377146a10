import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
it('defaults parse', () => {
  expect(DEFAULT_SETTINGS.download.videoQuality).toBe('1080');
  expect(DEFAULT_SETTINGS.sources.refreshMinutes).toBe(60);
});

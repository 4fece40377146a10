import { capabilities } from '../../../lib/cobalt/api-version';
import { parseVersion } from '../../../lib/instances/parse-version';
import { DownloadOptionsSchema } from '../../../lib/settings/schema';

const wireNames = (version: string | null) => capabilities(version).keys.map((k) => k.wire);

describe('capabilities', () => {
  it.each([
    ['7.15', 'v7', '/api/json'],
    // majors before 7 are not v7 (lib/instances/parse-version.ts): the minimal body on POST /
    ['6.3.1', 'unknown', '/'],
    ['10.9.4', 'v10', '/'],
    ['11.0.0', 'v11', '/'],
    ['11.7.1', 'v11', '/'],
    ['garbage', 'unknown', '/'],
    [null, 'unknown', '/'],
  ])('%s → %s on %s', (version, generation, endpointPath) => {
    expect(capabilities(version)).toMatchObject({ generation, endpointPath });
  });

  // docs/cobalt-api.md §2 "accepted by" column and §7 template, one row per (version, key)
  it.each([
    ['7.15', 'vQuality', true],
    ['7.15', 'videoQuality', false],
    ['7.15', 'isAudioOnly', true],
    ['7.15', 'isAudioMuted', true],
    ['7.15', 'downloadMode', false],
    ['7.15', 'aFormat', true],
    ['7.15', 'vCodec', true],
    ['7.15', 'filenamePattern', true],
    ['7.15', 'isTTFullAudio', true],
    ['7.15', 'twitterGif', true],
    ['7.15', 'tiktokH265', true],
    ['7.15', 'dubLang', false],
    ['7.15', 'alwaysProxy', false],
    ['10.0.0', 'youtubeDubLang', true],
    ['10.0.0', 'youtubeHLS', false],
    ['10.2.0', 'youtubeHLS', true],
    ['10.9.4', 'twitterGif', true],
    ['10.9.4', 'tiktokH265', true],
    ['10.9.4', 'convertGif', false],
    ['10.9.4', 'allowH265', false],
    ['10.9.4', 'localProcessing', false],
    ['10.9.4', 'youtubeBetterAudio', false],
    ['10.9.4', 'audioBitrate', true],
    ['11.0.0', 'convertGif', true],
    ['11.0.0', 'allowH265', true],
    ['11.0.0', 'twitterGif', false],
    ['11.0.0', 'tiktokH265', false],
    ['11.0.0', 'youtubeBetterAudio', true],
    ['11.0.0', 'localProcessing', true], // a boolean there: true = preferred
    ['11.1.0', 'subtitleLang', false],
    ['11.1.0', 'youtubeVideoContainer', false],
    ['11.2.0', 'subtitleLang', true],
    ['11.2.0', 'youtubeVideoContainer', true],
    ['11.2.0', 'localProcessing', true],
    ['11.7.1', 'twitterGif', false],
    ['11.7.1', 'tiktokH265', false],
    ['11.7.1', 'youtubeDubBrowserLang', false],
    ['11.7.1', 'filenameStyle', true],
    ['12.0.0', 'videoQuality', false],
  ])('%s accepts %s: %s', (version, key, accepted) => {
    expect(wireNames(version).includes(key)).toBe(accepted);
  });

  it('names each key once per version', () => {
    for (const version of ['7.15', '10.0.0', '10.9.4', '11.0.0', '11.7.1']) {
      const names = wireNames(version);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('takes an already parsed version as it is', () => {
    expect(capabilities(parseVersion('10.9.4'))).toEqual(capabilities('10.9.4'));
  });

  it('gives unknown and future versions no keys (minimal body)', () => {
    expect(capabilities('garbage').keys).toEqual([]);
    expect(capabilities('12.3.0').keys).toEqual([]);
  });

  // version defaults differ: 10.x filenameStyle classic, v7 vQuality 720, v7 twitterGif false
  it.each([
    ['10.9.4', 'filenameStyle', 'classic'],
    ['11.0.0', 'filenameStyle', 'basic'],
    ['7.15', 'filenamePattern', 'classic'],
    ['7.15', 'vQuality', '720'],
    ['10.9.4', 'videoQuality', '1080'],
    ['7.15', 'twitterGif', false],
    ['10.9.4', 'twitterGif', true],
    ['11.7.1', 'convertGif', true],
    ['11.7.1', 'localProcessing', 'disabled'],
    ['11.0.0', 'localProcessing', false],
  ])('%s default of %s is %j', (version, wire, value) => {
    const key = capabilities(version).keys.find((k) => k.wire === wire);
    expect(key?.defaultValue).toEqual(value);
  });

  it('encodes downloadMode as two booleans on v7', () => {
    const keys = capabilities('7.15').keys;
    const audio = DownloadOptionsSchema.parse({ downloadMode: 'audio' });
    const mute = DownloadOptionsSchema.parse({ downloadMode: 'mute' });
    const encode = (wire: string, options: typeof audio) =>
      keys.find((k) => k.wire === wire)?.encode(options);
    expect([encode('isAudioOnly', audio), encode('isAudioMuted', audio)]).toEqual([true, false]);
    expect([encode('isAudioOnly', mute), encode('isAudioMuted', mute)]).toEqual([false, true]);
  });
});

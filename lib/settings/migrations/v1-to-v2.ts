import { isRecord } from './is-record';

/**
 * Settings format 1: the prototype (0.0.x). Custom instances were a flat list of addresses,
 * tried before any tracker instance in list order; API keys sat in a side table keyed by the
 * same address strings; only the mode and the quality could be chosen.
 */
export interface SettingsV1 {
  instances: string[];
  apiKeys: Record<string, string>;
  mode: 'auto' | 'audio' | 'mute';
  quality: string;
}

/**
 * 1 → 2: each address becomes a `myInstances` entry carrying its key, and (because the
 * prototype always tried them first, in order) a pin in the same order. Keys for addresses
 * that were not in the list still name instances the user uses: they become unpinned entries.
 * `mode`/`quality` move into the `download` object. Anything malformed is passed on as it is,
 * at its new place, so the validator reports it there.
 */
export function v1ToV2(previous: unknown): unknown {
  if (!isRecord(previous)) return previous;
  const { instances, apiKeys, mode, quality } = previous;
  const keys = isRecord(apiKeys) ? apiKeys : {};
  const listed = Array.isArray(instances) ? instances : [];
  const keyOnly = Object.keys(keys)
    .filter((origin) => !listed.includes(origin))
    .map((origin) => ({ origin, apiKey: keys[origin] }));

  const next: Record<string, unknown> = {
    myInstances: [...listed.map((origin) => withKey(origin, keys)), ...keyOnly],
  };
  // A malformed list goes to `pinned`, where it is reported, while the keys are still kept.
  if (instances !== undefined) next.pinned = instances;
  const download: Record<string, unknown> = {};
  if (mode !== undefined) download.downloadMode = mode;
  if (quality !== undefined) download.videoQuality = quality;
  next.download = download;
  return next;
}

function withKey(origin: unknown, keys: Record<string, unknown>): unknown {
  if (typeof origin !== 'string') return origin;
  return Object.hasOwn(keys, origin) ? { origin, apiKey: keys[origin] } : { origin };
}

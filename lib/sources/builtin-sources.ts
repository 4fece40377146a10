import type { SourceId } from '../instances/instance';
import type { Settings } from '../settings/schema';

/** A feed to refresh: who it is (provenance id) and where it lives. */
export interface SourceDescriptor {
  id: SourceId;
  url: string;
}

/** The trackers' public feeds (docs/cobalt-api.md §6.1–6.3). */
export const HYPER_FEED_URL = 'https://instances.hyper.lol/instances.json';
/** `/api/tests` rather than `/api/working`: it carries version, online and the tests (§6.2). */
export const DIRECTORY_FEED_URL = 'https://cobalt.directory/api/tests';
export const COBALT_BEST_FEED_URL = 'https://instances.cobalt.best/instances.json';

/** User-added lists are identified by their URL, so changing the URL starts a fresh state. */
export function customSourceId(url: string): SourceId {
  return `custom:${url}`;
}

/** Every feed the settings enable: the three trackers, then enabled custom lists (deduplicated). */
export function builtinSources(settings: Pick<Settings, 'sources'>): SourceDescriptor[] {
  const { sources } = settings;
  const list: SourceDescriptor[] = [];
  if (sources.hyper) list.push({ id: 'hyper', url: HYPER_FEED_URL });
  if (sources.directory) list.push({ id: 'directory', url: DIRECTORY_FEED_URL });
  if (sources.cobaltBest) list.push({ id: 'cobalt-best', url: COBALT_BEST_FEED_URL });
  const seen = new Set<string>();
  for (const custom of sources.custom) {
    if (!custom.enabled || seen.has(custom.url)) continue;
    seen.add(custom.url);
    list.push({ id: customSourceId(custom.url), url: custom.url });
  }
  return list;
}

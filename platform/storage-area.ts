import { browser } from 'wxt/browser';
import type { StorageArea, StorageKey } from '../lib/storage/storage-area';

/**
 * lib/storage's door to `browser.storage`: the area comes from the key's prefix
 * (`local:settings` → storage.local, key `settings`), as WXT's storage keys are written.
 */
function split(key: StorageKey) {
  const index = key.indexOf(':');
  const area = key.slice(0, index) as 'local' | 'session' | 'sync';
  return { area: browser.storage[area], name: key.slice(index + 1) };
}

export function createStorageArea(): StorageArea {
  return {
    async get(key) {
      const { area, name } = split(key);
      const got = await area.get(name);
      return got[name];
    },
    async set(key, value) {
      const { area, name } = split(key);
      await area.set({ [name]: value });
    },
    async remove(key) {
      const { area, name } = split(key);
      await area.remove(name);
    },
  };
}

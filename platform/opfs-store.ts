import { TEMP_PREFIX, type TempStore } from '../lib/mux/local-job';

/**
 * Temporary files for muxing in the origin-private file system (OPFS): the muxer writes into
 * one positionally, so the output never has to fit in memory (docs/local-processing.md).
 */
export function opfsStore(): TempStore {
  return {
    async create(name) {
      const dir = await navigator.storage.getDirectory();
      const handle = await dir.getFileHandle(name, { create: true });
      const writable = await handle.createWritable();
      return {
        writable,
        file: () => handle.getFile(),
        async remove() {
          // An open writable locks the file (and keeps Chromium's `.crswap` beside it): abort it
          // first. A writable the muxer's pipe holds is aborted by the pipe, and is locked here.
          if (!writable.locked) await writable.abort().catch(() => undefined);
          await dir.removeEntry(name).catch(() => undefined);
        },
      };
    },
  };
}

/** Removes every temporary file a job left behind (a crash, a closed document). */
export async function sweepTempFiles(): Promise<void> {
  const dir = await navigator.storage.getDirectory();
  const names: string[] = [];
  for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) {
    if (name.startsWith(TEMP_PREFIX)) names.push(name);
  }
  await Promise.all(names.map((name) => dir.removeEntry(name).catch(() => undefined)));
}

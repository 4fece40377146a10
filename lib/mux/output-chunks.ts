/**
 * Collects a muxer's positional writes (mediabunny's StreamTarget chunks: `{data, position}`) into
 * ordered parts. Muxers write forward and go back only to patch a few header bytes (the MP4 `mdat`
 * size, Matroska segment sizes), so a write behind the end patches the parts already held in place
 * instead of keeping a second copy: memory stays at the size of the output.
 */

interface PositionalWrite {
  data: Uint8Array;
  position: number;
}

export interface OutputChunks {
  write: (chunk: PositionalWrite) => void;
  /** The parts in file order, and their total length. */
  parts: () => Uint8Array[];
  size: () => number;
  /** Drops every part (cancel). */
  clear: () => void;
}

export function createOutputChunks(): OutputChunks {
  let parts: { start: number; data: Uint8Array }[] = [];
  let end = 0;

  function patch(chunk: PositionalWrite): void {
    const from = chunk.position;
    const to = chunk.position + chunk.data.length;
    for (const part of parts) {
      const partEnd = part.start + part.data.length;
      if (partEnd <= from || part.start >= to) continue;
      const lo = Math.max(from, part.start);
      const hi = Math.min(to, partEnd);
      part.data.set(chunk.data.subarray(lo - from, hi - from), lo - part.start);
    }
  }

  return {
    write(chunk) {
      if (chunk.position > end) {
        // a gap: muxers we use never leave one, but zero-fill so offsets stay true
        parts.push({ start: end, data: new Uint8Array(chunk.position - end) });
        end = chunk.position;
      }
      if (chunk.position < end) {
        const overlap = Math.min(end - chunk.position, chunk.data.length);
        patch({ data: chunk.data.subarray(0, overlap), position: chunk.position });
        if (overlap === chunk.data.length) return;
        chunk = { data: chunk.data.subarray(overlap), position: end };
      }
      // copy: the writer may reuse its buffer
      parts.push({ start: end, data: chunk.data.slice() });
      end += chunk.data.length;
    },
    parts: () => parts.map((part) => part.data),
    size: () => end,
    clear() {
      parts = [];
      end = 0;
    },
  };
}

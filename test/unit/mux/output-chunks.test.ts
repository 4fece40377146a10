import { describe, expect, it } from 'vitest';
import { createOutputChunks } from '../../../lib/mux/output-chunks';

const bytes = (...values: number[]) => new Uint8Array(values);
const joined = (parts: Uint8Array[]) => Array.from(parts.flatMap((p) => Array.from(p)));

describe('createOutputChunks', () => {
  it.each([
    [
      'appends in order',
      [
        [0, [1, 2]],
        [2, [3]],
      ],
      [1, 2, 3],
    ],
    [
      'patches bytes already written',
      [
        [0, [1, 2, 3, 4]],
        [1, [9, 9]],
      ],
      [1, 9, 9, 4],
    ],
    [
      'patches across parts',
      [
        [0, [1, 2]],
        [2, [3, 4]],
        [1, [8, 8]],
      ],
      [1, 8, 8, 4],
    ],
    [
      'patches and extends',
      [
        [0, [1, 2]],
        [1, [7, 7, 7]],
      ],
      [1, 7, 7, 7],
    ],
    [
      'zero-fills a gap',
      [
        [0, [1]],
        [3, [4]],
      ],
      [1, 0, 0, 4],
    ],
  ] as const)('%s', (_, writes, expected) => {
    const chunks = createOutputChunks();
    for (const [position, data] of writes) chunks.write({ position, data: bytes(...data) });
    expect(joined(chunks.parts())).toEqual(expected);
    expect(chunks.size()).toBe(expected.length);
  });

  it('copies what it is given (writers reuse buffers)', () => {
    const chunks = createOutputChunks();
    const buffer = bytes(1, 2);
    chunks.write({ position: 0, data: buffer });
    buffer[0] = 9;
    expect(joined(chunks.parts())).toEqual([1, 2]);
  });

  it('clear drops everything', () => {
    const chunks = createOutputChunks();
    chunks.write({ position: 0, data: bytes(1) });
    chunks.clear();
    expect(chunks.parts()).toEqual([]);
    expect(chunks.size()).toBe(0);
  });
});

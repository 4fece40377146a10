import { describe, expect, it } from 'vitest';
import { parseFromProcessor, parseToProcessor } from '../../../lib/messages/local-port';

const PLAN = {
  kind: 'mux',
  type: 'merge',
  tunnels: ['https://a.example/tunnel?id=1', 'https://a.example/tunnel?id=2'],
  container: 'mp4',
  mime: 'video/mp4',
  filename: 'a.mp4',
  keepAudio: true,
  metadata: { title: 't' },
};

describe('local-processing port messages', () => {
  it.each<[string, unknown, boolean]>([
    [
      'a start',
      { type: 'start', request: { jobId: 'j1', plan: PLAN, instanceOrigin: 'https://a.example' } },
      true,
    ],
    ['a cancel', { type: 'cancel' }, true],
    ['a release', { type: 'release' }, true],
    [
      'a plan with three tunnels',
      {
        type: 'start',
        request: {
          jobId: 'j1',
          plan: { ...PLAN, tunnels: [...PLAN.tunnels, 'x'] },
          instanceOrigin: 'https://a.example',
        },
      },
      false,
    ],
    [
      'a plan for a container the muxer does not write',
      {
        type: 'start',
        request: { jobId: 'j1', plan: { ...PLAN, container: 'avi' }, instanceOrigin: 'x' },
      },
      false,
    ],
    ['an unknown type', { type: 'delete-everything' }, false],
    ['not an object', 'start', false],
  ])('to the processor: %s', (_, raw, ok) => {
    expect(parseToProcessor(raw) !== null).toBe(ok);
  });

  it.each<[string, unknown, boolean]>([
    ['ready', { type: 'ready' }, true],
    [
      'fetching progress',
      {
        type: 'progress',
        progress: { phase: 'fetching', tunnels: [{ received: 1, total: null }] },
      },
      true,
    ],
    ['muxing progress', { type: 'progress', progress: { phase: 'muxing', percent: 50 } }, true],
    [
      'a percentage over 100',
      { type: 'progress', progress: { phase: 'muxing', percent: 101 } },
      false,
    ],
    ['a finished file', { type: 'done', outcome: { ok: true, url: 'blob:x/1', size: 3 } }, true],
    [
      'a finished "file" that is not an object URL',
      { type: 'done', outcome: { ok: true, url: 'https://evil.example/x', size: 3 } },
      false,
    ],
    ['a failure', { type: 'done', outcome: { ok: false, code: 'tunnel', message: 'empty' } }, true],
    [
      'a failure with an unknown code',
      { type: 'done', outcome: { ok: false, code: 'other', message: 'x' } },
      false,
    ],
  ])('from the processor: %s', (_, raw, ok) => {
    expect(parseFromProcessor(raw) !== null).toBe(ok);
  });
});

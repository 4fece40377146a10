import { describe, expect, it } from 'vitest';
import { planLocalProcessing } from '../../../lib/mux/local-plan';

const T = 'https://i.example/tunnel?id=';
const answer = (extra: Record<string, unknown>) => ({
  type: 'merge',
  tunnel: [`${T}v`, `${T}a`],
  output: { type: 'video/mp4', filename: 'clip.mp4' },
  ...extra,
});

describe('planLocalProcessing', () => {
  it.each([
    [
      'merge → mux with audio',
      answer({}),
      { kind: 'mux', type: 'merge', keepAudio: true, container: 'mp4', mime: 'video/mp4' },
    ],
    [
      'mute → mux without audio',
      answer({ type: 'mute', tunnel: [`${T}v`], output: { filename: 'c.webm' } }),
      { kind: 'mux', keepAudio: false, container: 'webm' },
    ],
    [
      'remux of an mkv',
      answer({ type: 'remux', tunnel: [`${T}v`], output: { filename: 'c.mkv' } }),
      { kind: 'mux', container: 'mkv', mime: 'video/x-matroska' },
    ],
    [
      'proxy → save the tunnel',
      answer({ type: 'proxy', tunnel: [`${T}p`] }),
      { kind: 'save', url: `${T}p`, filename: 'clip.mp4' },
    ],
    [
      'audio needs an encoder',
      answer({ type: 'audio', tunnel: [`${T}a`] }),
      { kind: 'unsupported', reason: 'needs-encoding' },
    ],
    [
      'gif needs an encoder',
      answer({ type: 'gif', tunnel: [`${T}g`] }),
      { kind: 'unsupported', reason: 'needs-encoding' },
    ],
    ['HLS is not read here', answer({ isHLS: true }), { kind: 'unsupported', reason: 'hls' }],
    [
      'merge with one tunnel',
      answer({ tunnel: [`${T}v`] }),
      { kind: 'unsupported', reason: 'bad-answer' },
    ],
    ['unknown type', answer({ type: 'transcode' }), { kind: 'unsupported', reason: 'bad-answer' }],
    ['no output', answer({ output: undefined }), { kind: 'unsupported', reason: 'bad-answer' }],
    [
      'an unknown container',
      answer({ output: { filename: 'c.avi' } }),
      { kind: 'unsupported', reason: 'container' },
    ],
    ['not an object', 'merge', { kind: 'unsupported', reason: 'bad-answer' }],
  ])('%s', (_, input, expected) => {
    expect(planLocalProcessing(input)).toMatchObject(expected);
  });

  it('keeps only short string metadata with plain keys', () => {
    const plan = planLocalProcessing(
      answer({
        output: { filename: 'c.mp4', metadata: { title: 'T', 'x y': 'no', n: 3, artist: '' } },
      }),
    );
    expect(plan).toMatchObject({ metadata: { title: 'T' } });
    expect(plan.kind === 'mux' && Object.keys(plan.metadata)).toEqual(['title']);
  });
});

import {
  addItems,
  cancelAll,
  cancelItem,
  countQueue,
  EMPTY_QUEUE,
  finishItem,
  recoverQueue,
  requeueItem,
  retryItem,
  startItem,
  type BatchQueue,
  type BatchItemState,
} from '../../../lib/batch/batch-queue';

const link = (n: number) => ({ url: `https://x.com/u/status/${n}`, service: 'twitter' as const });
const ids = () => {
  let n = 0;
  return () => `b${(n += 1)}`;
};
const states = (q: BatchQueue) => q.items.map((i) => i.state);

function three(): BatchQueue {
  return addItems(EMPTY_QUEUE, [link(1), link(2), link(3)], 0, ids());
}

describe('batch queue', () => {
  it('adds links once each, and a skipped link settles at once', () => {
    const q = addItems(EMPTY_QUEUE, [link(1), link(1), { ...link(2), skip: true }], 5, ids());
    expect(q.items.map((i) => [i.id, i.state, i.reason])).toEqual([
      ['b1', 'waiting', null],
      ['b2', 'skipped', 'batchSkippedBefore'],
    ]);
    expect(q.endedAt).toBeNull();
  });

  it.each<[string, (q: BatchQueue) => BatchQueue, BatchItemState[]]>([
    ['start', (q) => startItem(q, 'b1', 'https://a'), ['running', 'waiting', 'waiting']],
    [
      'done',
      (q) =>
        finishItem(
          startItem(q, 'b1', 'https://a'),
          'b1',
          { ok: true, filename: 'f.mp4', servedBy: 'https://a' },
          1,
        ),
      ['done', 'waiting', 'waiting'],
    ],
    [
      'a content error fails that item only',
      (q) =>
        finishItem(
          startItem(q, 'b2', 'https://a'),
          'b2',
          { ok: false, reason: 'error.content_private' },
          1,
        ),
      ['waiting', 'failed', 'waiting'],
    ],
    [
      'requeue after an unforeseen 429',
      (q) => requeueItem(startItem(q, 'b1', 'https://a'), 'b1'),
      ['waiting', 'waiting', 'waiting'],
    ],
    ['cancel one', (q) => cancelItem(q, 'b3', 1), ['waiting', 'waiting', 'skipped']],
    [
      'cancel all',
      (q) => cancelAll(startItem(q, 'b1', 'https://a'), 1),
      ['skipped', 'skipped', 'skipped'],
    ],
    [
      'finishing a cancelled item changes nothing',
      (q) =>
        finishItem(
          cancelItem(startItem(q, 'b1', 'https://a'), 'b1', 1),
          'b1',
          { ok: true, filename: null, servedBy: null },
          2,
        ),
      ['skipped', 'waiting', 'waiting'],
    ],
    [
      'a waiting item cannot be retried',
      (q) => retryItem(q, 'b1'),
      ['waiting', 'waiting', 'waiting'],
    ],
  ])('%s', (_name, step, expected) => {
    expect(states(step(three()))).toEqual(expected);
  });

  it('remembers the instances tried, and retry starts the item afresh', () => {
    let q = startItem(three(), 'b1', 'https://a');
    q = finishItem(q, 'b1', { ok: false, reason: 'error.content_private' }, 1);
    expect(q.items[0]).toMatchObject({ tried: ['https://a'], reason: 'error.content_private' });
    q = retryItem(q, 'b1');
    expect(q.items[0]).toMatchObject({
      state: 'waiting',
      tried: [],
      reason: null,
      finishedAt: null,
    });
  });

  it('ends the batch when the last item settles, and counts reasons', () => {
    let q = three();
    for (const id of ['b1', 'b2', 'b3']) q = startItem(q, id, 'https://a');
    q = finishItem(q, 'b1', { ok: true, filename: 'a', servedBy: 'https://a' }, 1);
    q = finishItem(q, 'b2', { ok: false, reason: 'error.content_private' }, 2);
    expect(q.endedAt).toBeNull();
    q = finishItem(q, 'b3', { ok: false, reason: 'error.content_private' }, 3);
    expect(q.endedAt).toBe(3);
    expect(countQueue(q)).toEqual({
      waiting: 0,
      running: 0,
      done: 1,
      failed: 2,
      skipped: 0,
      reasons: [{ reason: 'error.content_private', count: 2 }],
    });
  });

  it('a new batch after one ended starts with an empty list', () => {
    const ended = cancelAll(three(), 1);
    const next = addItems(ended, [link(9)], 2, () => 'n1');
    expect(next.items.map((i) => i.id)).toEqual(['n1']);
  });

  it('after a restart, running items wait again', () => {
    const q = startItem(three(), 'b2', 'https://a');
    expect(states(recoverQueue(q))).toEqual(['waiting', 'waiting', 'waiting']);
  });
});

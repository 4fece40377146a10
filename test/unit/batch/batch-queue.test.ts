import {
  addItems,
  cancelAll,
  cancelItem,
  countQueue,
  EMPTY_QUEUE,
  fileEnded,
  fileStarted,
  finishItem,
  hasTriesLeft,
  hedgeItem,
  itemOfDownload,
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

  it('the instances a lost attempt was asking (planned and hedge) are not tried: they never answered', () => {
    let q = startItem(three(), 'b2', 'https://a');
    q = requeueItem(q, 'b2'); // a refusal from a: tried for good
    q = startItem(q, 'b2', 'https://b');
    q = hedgeItem(q, 'b2', 'https://c');
    expect(q.items[1]).toMatchObject({ tried: ['https://a', 'https://b', 'https://c'] });
    const [, item] = recoverQueue(q).items;
    expect(item).toMatchObject({ state: 'waiting', tried: ['https://a'] });
    expect(item).not.toHaveProperty('asking');
  });

  it.each<[string, (q: BatchQueue) => BatchQueue]>([
    [
      'saving',
      (q) => fileStarted(q, 'b1', { filename: 'f', servedBy: 'https://a', downloads: [7] }, 1),
    ],
    ['requeued', (q) => requeueItem(q, 'b1')],
    ['failed', (q) => finishItem(q, 'b1', { ok: false, reason: 'x' }, 1)],
    ['cancelled', (q) => cancelAll(q, 1)],
  ])('an item %s is asking no one, and a restart leaves its tried list alone', (_, next) => {
    const q = next(startItem(three(), 'b1', 'https://a'));
    expect(q.items[0]).not.toHaveProperty('asking');
    expect(recoverQueue(q).items[0]?.tried).toEqual(['https://a']);
  });
});

/**
 * An item whose files started is saving: running until the browser reports every file's end
 * (lib/app/batch-manager.ts decides what each end means; these are the queue's moves).
 */
describe('batch queue, saving files', () => {
  const A = 'https://a.example';
  /** Item b1 started on A and handed over `downloads`; b2 and b3 wait. */
  const saving = (downloads: number[]) =>
    fileStarted(
      startItem(three(), 'b1', A),
      'b1',
      { filename: 'f.mp4', servedBy: A, downloads },
      1,
    );
  const row = (q: BatchQueue) => {
    const i = q.items[0]!;
    return [i.state, i.reason, i.servedBy, i.downloads, i.saved, i.tried];
  };

  it.each<[string, (q: BatchQueue) => BatchQueue, unknown[]]>([
    ['started: running, following its file', (q) => q, ['running', null, A, [7], [], [A]]],
    [
      'saved: done',
      (q) => fileEnded(q, 'b1', 7, { kind: 'saved' }, 2),
      ['done', null, A, [7], [7], [A]],
    ],
    [
      'retry: waiting again, its file forgotten, A kept as tried',
      (q) => fileEnded(q, 'b1', 7, { kind: 'retry' }, 2),
      ['waiting', null, null, [], [], [A]],
    ],
    [
      'failed: with the reason',
      (q) => fileEnded(q, 'b1', 7, { kind: 'failed', reason: 'batchFileBroken' }, 2),
      ['failed', 'batchFileBroken', A, [7], [], [A]],
    ],
    [
      'cancelled in the browser: skipped as a cancel',
      (q) => fileEnded(q, 'b1', 7, { kind: 'cancelled' }, 2),
      ['skipped', 'batchCancelled', A, [7], [], [A]],
    ],
    [
      'an id that is not its own changes nothing',
      (q) => fileEnded(q, 'b1', 8, { kind: 'saved' }, 2),
      ['running', null, A, [7], [], [A]],
    ],
    [
      'an end after the item stopped changes nothing',
      (q) => fileEnded(cancelItem(q, 'b1', 2), 'b1', 7, { kind: 'retry' }, 3),
      ['skipped', 'batchCancelled', A, [7], [], [A]],
    ],
    [
      'a worker restart keeps it running (the browser still holds its file)',
      (q) => recoverQueue(q),
      ['running', null, A, [7], [], [A]],
    ],
    [
      'retry after a failure starts afresh',
      (q) =>
        retryItem(fileEnded(q, 'b1', 7, { kind: 'failed', reason: 'batchFileLocal' }, 2), 'b1'),
      ['waiting', null, null, [], [], []],
    ],
  ])('%s', (_, change, expected) => {
    expect(row(change(saving([7])))).toEqual(expected);
  });

  it('several files: done only when every one is saved; the first failure stops it', () => {
    const q = saving([7, 8, 9]);
    const two = fileEnded(
      fileEnded(q, 'b1', 7, { kind: 'saved' }, 2),
      'b1',
      9,
      { kind: 'saved' },
      3,
    );
    expect(row(two)).toEqual(['running', null, A, [7, 8, 9], [7, 9], [A]]);
    expect(row(fileEnded(two, 'b1', 8, { kind: 'saved' }, 4))[0]).toBe('done');
    const broke = fileEnded(two, 'b1', 8, { kind: 'failed', reason: 'batchFileBroken' }, 4);
    expect(row(broke).slice(0, 2)).toEqual(['failed', 'batchFileBroken']);
    expect(itemOfDownload(broke, 8)?.id).toBe('b1');
  });

  it('nothing to follow (no browser id came back) is done at once', () => {
    expect(row(saving([]))[0]).toBe('done');
  });

  it('after a restart, an item that was asking an instance runs again; one saving waits', () => {
    const q = startItem(saving([7]), 'b2', A);
    expect(states(recoverQueue(q))).toEqual(['running', 'waiting', 'waiting']);
  });

  it('the last item saving ends the batch', () => {
    let q = saving([7]);
    for (const id of ['b2', 'b3']) q = cancelItem(q, id, 2);
    expect(q.endedAt).toBeNull();
    expect(fileEnded(q, 'b1', 7, { kind: 'saved' }, 5).endedAt).toBe(5);
  });

  it.each<[string, string[], string[], number, boolean]>([
    ['an untried instance is left', [A], [A, 'https://b'], 3, true],
    ['every usable instance tried', [A, 'https://b'], [A, 'https://b'], 3, false],
    ['maxAttempts reached', [A], [A, 'https://b'], 1, false],
    ['a usable one is untried, whatever else was tried', ['https://gone'], [A], 3, true],
    ['nothing usable', [], [], 3, false],
  ])('hasTriesLeft: %s', (_, tried, usable, max, expected) => {
    expect(hasTriesLeft(tried, usable, max)).toBe(expected);
  });
});

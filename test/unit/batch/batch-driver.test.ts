import { createBatchDriver, type ItemAttempt } from '../../../lib/batch/batch-driver';
import { addItems, EMPTY_QUEUE, fileEnded, type BatchItem } from '../../../lib/batch/batch-queue';
import type { InstanceBudget } from '../../../lib/batch/instance-budget';

const A = 'https://a.example';
const B = 'https://b.example';
const links = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    url: `https://x.com/u/status/${10 + i}`,
    service: 'twitter' as const,
  }));

function harness(
  ranked: string[],
  stored = { queue: EMPTY_QUEUE, budgets: {} as Record<string, InstanceBudget> },
) {
  const pending: { item: BatchItem; origin: string; answer: (a: ItemAttempt) => void }[] = [];
  const saved: unknown[] = [];
  let n = 0;
  const driver = createBatchDriver(
    {
      now: () => 0,
      ranked: () => ranked,
      proven: () => true,
      run: (item, origin) => new Promise((answer) => pending.push({ item, origin, answer })),
      wakeAt: () => undefined,
      save: (queue) => saved.push(queue),
      noInstanceReason: 'error.no_instances',
    },
    stored,
  );
  const add = (count: number) =>
    driver.change((q) => addItems(q, links(count), 0, () => `d${(n += 1)}`));
  return { driver, pending, saved, add };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));
const headers = (remaining: number) => ({
  limit: 20,
  remaining,
  resetSeconds: 60,
  retryAfterSeconds: null,
});

describe('batch driver', () => {
  it('starts what the windows allow and persists every change', () => {
    const h = harness([A, B]);
    h.add(45);
    expect(h.pending.map((p) => p.origin).filter((o) => o === A)).toHaveLength(20);
    expect(h.pending).toHaveLength(40);
    expect(h.saved.length).toBeGreaterThan(0);
  });

  it('a content error stops that item only; a 429 sends it to another instance', async () => {
    const h = harness([A, B]);
    h.add(3);
    const [first, second] = h.pending;
    first!.answer({
      kind: 'failed',
      status: 400,
      rateLimit: headers(19),
      reason: 'error.content_private',
    });
    second!.answer({ kind: 'rate_limited', rateLimit: { ...headers(0), retryAfterSeconds: 60 } });
    await flush();
    const states = h.driver.queue().items.map((i) => [i.state, i.reason]);
    expect(states).toEqual([
      ['failed', 'error.content_private'],
      ['running', null],
      ['running', null],
    ]);
    expect(h.pending.at(-1)).toMatchObject({ origin: B });
  });

  it('fails items whose service has no instance with the reason given', () => {
    const h = harness([]);
    h.add(2);
    expect(h.driver.queue().items.map((i) => [i.state, i.reason])).toEqual([
      ['failed', 'error.no_instances'],
      ['failed', 'error.no_instances'],
    ]);
    expect(h.driver.queue().endedAt).toBe(0);
  });

  it('resumes a stored batch: running items run again, spent units stay spent', async () => {
    const first = harness([A]);
    first.add(3);
    const stored = { queue: first.driver.queue(), budgets: first.driver.budgets() };
    const second = harness([A], stored);
    second.driver.pump();
    expect(second.pending).toHaveLength(3);
    expect(second.driver.budgets()[A]).toMatchObject({ remaining: 14, inFlight: 3 });
    for (const p of second.pending)
      p.answer({
        kind: 'started',
        status: 200,
        rateLimit: null,
        filename: 'f',
        servedBy: A,
        downloads: [],
      });
    await flush();
    expect(second.driver.queue().endedAt).toBe(0);
  });

  it('a served item stays running while its file saves; its request no longer holds the instance', async () => {
    const h = harness([A]);
    h.add(2);
    const [first] = h.pending;
    first!.answer({
      kind: 'started',
      status: 200,
      rateLimit: headers(17),
      filename: 'f.mp4',
      servedBy: A,
      downloads: [41],
    });
    await flush();
    expect(h.driver.queue().items.map((i) => [i.state, i.downloads ?? null])).toEqual([
      ['running', [41]],
      ['running', null],
    ]);
    expect(h.driver.budgets()[A]).toMatchObject({ inFlight: 1 });
    expect(h.driver.queue().endedAt).toBeNull();
    // The browser reports the file saved: the manager applies it as a queue change.
    h.driver.change((q) => fileEnded(q, q.items[0]!.id, 41, { kind: 'saved' }, 0));
    expect(h.driver.queue().items[0]).toMatchObject({ state: 'done', filename: 'f.mp4' });
  });
});

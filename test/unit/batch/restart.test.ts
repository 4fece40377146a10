import { batchQueueItem, instanceBudgetsItem } from '../../../lib/app/stored-items';
import { addItems, EMPTY_QUEUE, recoverQueue, startItem } from '../../../lib/batch/batch-queue';
import { afterRestart, available, onSend } from '../../../lib/batch/instance-budget';
import { planBatch } from '../../../lib/batch/plan-batch';
import { readItem } from '../../../lib/storage/read-item';
import { writeItem } from '../../../lib/storage/write-item';
import { createMemoryArea } from '../storage/memory-area';

/** Instances that delivered this service before: no trial (the trial has its own tests). */
const ALL_PROVEN = () => true;
const A = 'https://a.example';
const B = 'https://b.example';

describe('a batch across a worker restart', () => {
  it('comes back from storage with its items and what each window has left', async () => {
    const area = createMemoryArea();
    const links = Array.from({ length: 25 }, (_, i) => ({
      url: `https://x.com/u/status/${100 + i}`,
      service: 'twitter' as const,
    }));
    let n = 0;
    let queue = addItems(EMPTY_QUEUE, links, 1000, () => `q${(n += 1)}`);
    const first = planBatch({
      items: queue.items.map((i) => ({ id: i.id, service: i.service, tried: i.tried })),
      ranked: { twitter: [A, B] },
      budgets: new Map(),
      now: 1000,
      proven: ALL_PROVEN,
    });
    for (const s of first.starts) queue = startItem(queue, s.id, s.origin);
    expect(first.starts).toHaveLength(25);
    expect((await writeItem(area, batchQueueItem, queue)).ok).toBe(true);
    expect((await writeItem(area, instanceBudgetsItem, Object.fromEntries(first.budgets))).ok).toBe(
      true,
    );

    // The worker stops; nothing of the 25 requests is answered. A new worker reads storage.
    const storedQueue = (await readItem(area, batchQueueItem)).value;
    const storedBudgets = (await readItem(area, instanceBudgetsItem)).value;
    // What each item was asking survives storage, so the restart knows who never answered.
    expect(storedQueue.items.map((i) => i.asking)).toEqual(first.starts.map((s) => [s.origin]));
    const recovered = recoverQueue(storedQueue);
    expect(recovered.items.every((i) => i.state === 'waiting' && i.tried.length === 0)).toBe(true);
    const budgets = new Map(Object.entries(storedBudgets).map(([o, b]) => [o, afterRestart(b)]));
    expect([available(budgets.get(A)!, 2000), available(budgets.get(B)!, 2000)]).toEqual([0, 15]);

    const again = planBatch({
      items: recovered.items.map((i) => ({ id: i.id, service: i.service, tried: i.tried })),
      ranked: { twitter: [A, B] },
      budgets,
      now: 2000,
      proven: ALL_PROVEN,
    });
    // The units spent before the stop still count: A gets nothing more this window, B 15 more.
    // (A lost request had no answer, so A may be asked again: it has the link already.)
    expect(again.starts).toHaveLength(15);
    expect(again.starts.every((s) => s.origin === B)).toBe(true);
    // No answer of A's window ever came: it frees a window plus the arrival slack after the
    // first request sent in it.
    expect(again.wakeAt).toBe(1000 + 60_000 + 30_000);
    const later = planBatch({
      items: recovered.items.slice(0, 5).map((i) => ({ id: i.id, service: i.service, tried: [] })),
      ranked: { twitter: [A] },
      budgets: again.budgets,
      now: 91_000,
      proven: ALL_PROVEN,
    });
    expect(later.starts).toHaveLength(5);
  });

  it('drops a corrupt stored budget alone and keeps the rest', async () => {
    const area = createMemoryArea();
    const good = onSend(
      afterRestart({
        limit: 20,
        windowMs: 60_000,
        remaining: 3,
        resetAt: 9,
        blockedUntil: 0,
        openedAt: null,
        inFlight: 0,
        learned: true,
      }),
      0,
    );
    await area.set('local:instanceBudgets', {
      version: 1,
      value: { [A]: good, [B]: { limit: 'lots' } },
    });
    const read = await readItem(area, instanceBudgetsItem);
    expect(Object.keys(read.value)).toEqual([A]);
  });
});

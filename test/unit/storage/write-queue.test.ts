import { createWriteQueue } from '../../../lib/storage/write-queue';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createWriteQueue', () => {
  it.each([
    ['slowest first', [30, 10, 0]],
    ['fastest first', [0, 10, 30]],
    ['mixed', [20, 0, 15, 5]],
  ])('runs tasks one at a time in the order queued: %s', async (_, delays) => {
    const queue = createWriteQueue();
    const events: string[] = [];
    let running = 0;
    const results = await Promise.all(
      delays.map((ms, i) =>
        queue.run(async () => {
          running++;
          expect(running).toBe(1);
          events.push(`start ${i}`);
          await sleep(ms);
          events.push(`end ${i}`);
          running--;
          return i;
        }),
      ),
    );
    expect(results).toEqual(delays.map((_, i) => i));
    expect(events).toEqual(delays.flatMap((_, i) => [`start ${i}`, `end ${i}`]));
  });

  it('keeps going after a failed task, and hands the failure to its caller only', async () => {
    const queue = createWriteQueue();
    const order: number[] = [];
    const first = queue.run(async () => {
      order.push(1);
      throw new Error('disk full');
    });
    const second = queue.run(async () => {
      order.push(2);
      return 'ok';
    });
    await expect(first).rejects.toThrow('disk full');
    await expect(second).resolves.toBe('ok');
    expect(order).toEqual([1, 2]);
  });

  it('starts a task queued later only after the earlier one settled', async () => {
    const queue = createWriteQueue();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const events: string[] = [];
    const blocked = queue.run(async () => {
      await gate;
      events.push('first done');
    });
    const after = queue.run(async () => {
      events.push('second ran');
    });
    await sleep(5);
    expect(events).toEqual([]);
    release();
    await Promise.all([blocked, after]);
    expect(events).toEqual(['first done', 'second ran']);
  });

  it('settled() waits for every task queued so far, even a failed one, and never rejects', async () => {
    const queue = createWriteQueue();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const events: string[] = [];
    void queue.run(async () => {
      await gate;
      events.push('write');
    });
    void queue.run(async () => Promise.reject(new Error('refused'))).catch(() => undefined);
    const settled = queue.settled().then(() => events.push('settled'));
    await sleep(5);
    expect(events).toEqual([]);
    release();
    await settled;
    expect(events).toEqual(['write', 'settled']);
  });
});

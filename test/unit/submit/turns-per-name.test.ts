import { createTurnsPerName } from '../../../lib/submit/turns-per-name';

/** Lets every settled promise run its callbacks. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Takes a turn and records when it was granted. */
function taker(turns: ReturnType<typeof createTurnsPerName>, log: string[]) {
  return (name: string, label: string) =>
    turns.take(name).then((end) => {
      log.push(label);
      return end;
    });
}

describe('createTurnsPerName', () => {
  it('grants turns of one name in order, each after the one before ended', async () => {
    const log: string[] = [];
    const take = taker(createTurnsPerName(), log);
    const first = take('a.mp4', 'first');
    const second = take('a.mp4', 'second');
    const third = take('a.mp4', 'third');
    await flush();
    expect(log).toEqual(['first']);
    (await first)();
    await flush();
    expect(log).toEqual(['first', 'second']);
    (await second)();
    await flush();
    expect(log).toEqual(['first', 'second', 'third']);
    (await third)();
  });

  it.each([
    ['another name', 'b.mp4'],
    ['the same name with another extension', 'a.webm'],
  ])('never makes %s wait', async (_what, other) => {
    const log: string[] = [];
    const take = taker(createTurnsPerName(), log);
    void take('a.mp4', 'held');
    void take(other, 'other');
    await flush();
    expect(log).toEqual(['held', 'other']);
  });

  it('grants a name at once again after its last turn ended', async () => {
    const log: string[] = [];
    const take = taker(createTurnsPerName(), log);
    (await take('a.mp4', 'once'))();
    await flush();
    void take('a.mp4', 'again');
    await flush();
    expect(log).toEqual(['once', 'again']);
  });

  it('lets the next turn go when a turn ends twice', async () => {
    const log: string[] = [];
    const take = taker(createTurnsPerName(), log);
    const end = await take('a.mp4', 'first');
    void take('a.mp4', 'second');
    end();
    end();
    await flush();
    expect(log).toEqual(['first', 'second']);
  });
});

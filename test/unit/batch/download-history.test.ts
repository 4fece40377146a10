import {
  addToHistory,
  downloadedBefore,
  HISTORY_LIMIT,
  sortByHistory,
  type HistoryEntry,
  type RedownloadPolicy,
} from '../../../lib/batch/download-history';
import { searchHistory } from '../../../lib/ui/search-history';

const entry = (n: number, over: Partial<HistoryEntry> = {}): HistoryEntry => ({
  url: `https://x.com/u/status/${n}`,
  service: 'twitter',
  filename: `twitter_${n}.mp4`,
  servedBy: 'https://a.example',
  ok: true,
  reason: null,
  at: n,
  ...over,
});

describe('download history', () => {
  it(`keeps the newest ${HISTORY_LIMIT}`, () => {
    let history: HistoryEntry[] = [];
    for (let n = 1; n <= HISTORY_LIMIT + 2; n += 1) history = addToHistory(history, entry(n));
    expect(history).toHaveLength(HISTORY_LIMIT);
    expect([history[0]!.at, history.at(-1)!.at]).toEqual([HISTORY_LIMIT + 2, 3]);
  });

  it('knows a link downloaded before, and not one that only failed', () => {
    const history = [entry(2, { ok: false, reason: 'error.content_private' }), entry(1)];
    expect(downloadedBefore(history, entry(1).url)?.at).toBe(1);
    expect(downloadedBefore(history, entry(2).url)).toBeNull();
  });

  it.each<[string, string, number[]]>([
    ['empty query: everything', '  ', [3, 2, 1]],
    ['by file name, any case', 'TWITTER_2', [2]],
    ['every word must match', 'status b.example', [3]],
    ['nothing', 'youtube', []],
  ])('search: %s', (_name, query, ats) => {
    const history = [entry(3, { servedBy: 'https://b.example' }), entry(2), entry(1)];
    expect(searchHistory(history, query).map((e) => e.at)).toEqual(ats);
  });

  it.each<[RedownloadPolicy, boolean[], string[]]>([
    ['ask', [false, false], ['https://x.com/u/status/1']],
    ['always', [false, false], []],
    ['never', [true, false], []],
  ])('policy %s', (policy, skips, ask) => {
    const links = [entry(1), entry(9)].map(({ url, service }) => ({ url, service }));
    const out = sortByHistory(links, [entry(1)], policy);
    expect(out.download.map((d) => d.skip)).toEqual(skips);
    expect(out.ask).toEqual(ask);
  });
});

import type { RankedEntry } from '../../../lib/rank/ranked-entry';
import { rank } from '../../../lib/rank/rank';
import {
  MAX_PROBE_CANDIDATES,
  selectProbeCandidates,
} from '../../../lib/app/select-probe-candidates';
import { inst, NOW, probe, settingsWith, stateOf } from '../rank/rank-fixtures';

const good = Array.from({ length: 20 }, (_, i) =>
  inst(`https://ok${String(i).padStart(2, '0')}.example`),
);
const bad = [
  inst('https://blocked.example'),
  inst('https://notsafe.example', { trust: 'not_safe' }),
  inst('https://turnstile.example', { turnstile: true }),
  inst('https://offline.example', { online: false }),
  inst('http://plain.example'),
];
const settings = settingsWith({
  blocked: ['https://blocked.example'],
  pinned: ['https://ok19.example'],
});
const ranked: RankedEntry[] = rank('youtube', stateOf([...bad, ...good]), settings, NOW);

describe('selectProbeCandidates', () => {
  it(`takes the top ${MAX_PROBE_CANDIDATES} in rank order`, () => {
    const picked = selectProbeCandidates(ranked, settings);
    expect(picked).toEqual(ranked.slice(0, MAX_PROBE_CANDIDATES).map((e) => e.origin));
    expect(picked[0]).toBe('https://ok19.example');
  });

  it('never picks an excluded instance, however short the list', () => {
    const picked = selectProbeCandidates(ranked, settings, 100);
    expect(picked).toHaveLength(good.length);
    for (const entry of bad) expect(picked).not.toContain(entry.origin);
  });

  it.each([0, 1, 5])('honours a limit of %d', (limit) => {
    expect(selectProbeCandidates(ranked, settings, limit)).toHaveLength(limit);
  });

  it('picks nothing when probing is off', () => {
    expect(selectProbeCandidates(ranked, settingsWith({ probe: { enabled: false } }))).toEqual([]);
  });

  it.each<[string, Parameters<typeof inst>[1], boolean, boolean]>([
    ['codebase unknown under "only imputnet/cobalt": the probe reads git.remote', {}, true, true],
    ['a fork by the tracker: its own GET / may say otherwise', { codebase: 'a/fork' }, true, true],
    [
      'a fork that is also Turnstile: never contacted',
      { codebase: 'a/fork', turnstile: true },
      true,
      false,
    ],
    ['codebase unknown, setting off: included anyway', {}, false, true],
  ])('%s', (_name, facts, onlyUpstream, picked) => {
    const origin = 'https://fork.example';
    const s = settingsWith({ trust: { onlyUpstream } });
    const list = rank('youtube', stateOf([inst(origin, facts)]), s, NOW);
    expect(selectProbeCandidates(list, s).includes(origin)).toBe(picked);
  });

  it('probes again an instance closed to us (host access may have been granted since)', () => {
    const origin = 'https://closed.example';
    const closed = probe(origin, { ok: false, latencyMs: null, needsHostAccess: true });
    const plain = settingsWith({});
    const list = rank('youtube', stateOf([inst(origin)], [closed]), plain, NOW);
    expect(list[0]?.excluded).toBe(true);
    expect(selectProbeCandidates(list, plain)).toEqual([origin]);
  });
});

import { EMPTY_FILTER, filterRows, sortRows, viewRows } from '../../../lib/ui/diagnostics-view';
import { DIAGNOSTICS } from '../../fixtures/ui/snapshots';

const origins = (rows: { origin: string }[]) => rows.map((r) => r.origin);

describe('diagnostics view (pure sort and filter)', () => {
  it('is deterministic: ties fall back to origin order, input order does not matter', () => {
    const a = sortRows(DIAGNOSTICS, { key: 'online', dir: 'asc' });
    const b = sortRows([...DIAGNOSTICS].reverse(), { key: 'online', dir: 'asc' });
    expect(origins(a)).toEqual(origins(b));
    expect(origins(a).at(-1)).toBe('http://203.0.113.9:9000');
  });

  it('unknown latency sorts last both ways', () => {
    for (const dir of ['asc', 'desc'] as const) {
      const sorted = sortRows(DIAGNOSTICS, { key: 'latency', dir });
      expect(
        sorted.slice(2).every((r) => r.latencyMs === null),
        dir,
      ).toBe(true);
    }
  });

  it('versions compare numerically, newest first ascending', () => {
    expect(origins(sortRows(DIAGNOSTICS, { key: 'version', dir: 'asc' }))).toEqual([
      'https://cobalt.alpha.example',
      'https://gamma.example',
      'https://api.beta.example',
      'http://203.0.113.9:9000',
    ]);
  });

  it('trust orders safe, listed, unknown, not safe, offline', () => {
    expect(sortRows(DIAGNOSTICS, { key: 'trust', dir: 'asc' }).map((r) => r.trust)).toEqual([
      'safe',
      'safe',
      'listed',
      'offline',
    ]);
  });

  it('filters combine', () => {
    expect(filterRows(DIAGNOSTICS, EMPTY_FILTER)).toHaveLength(4);
    expect(
      origins(
        viewRows(
          DIAGNOSTICS,
          { ...EMPTY_FILTER, service: 'youtube', onlineOnly: true, text: '.example' },
          { key: 'origin', dir: 'desc' },
        ),
      ),
    ).toEqual([
      'https://gamma.example',
      'https://cobalt.alpha.example',
      'https://api.beta.example',
    ]);
    expect(filterRows(DIAGNOSTICS, { ...EMPTY_FILTER, text: '10.9' })).toHaveLength(1);
  });
});

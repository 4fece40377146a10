import { handoffTargets } from '../../../lib/rank/handoff-targets';
import { rank } from '../../../lib/rank/rank';
import { webAppUrl } from '../../../lib/ui/web-app-url';
import { inst, NOW, settingsWith, stateOf } from './rank-fixtures';

const ok = { ok: true, source: 'directory' as const };
const failed = { ok: false, source: 'directory' as const };

/** Every instance below fails the automatic path one way or another, or has no web app. */
const INSTANCES = [
  inst('https://api.gated.example', {
    frontend: 'https://gated.example',
    turnstile: true,
    score: 60,
    services: { youtube: ok },
  }),
  inst('https://nachos.imput.net', { frontend: 'https://cobalt.tools', score: 90 }),
  inst('https://blossom.imput.net', { frontend: 'https://cobalt.tools', score: 95 }),
  inst('https://api.open.example', { frontend: 'https://open.example', score: 40 }),
  inst('https://api.noweb.example', { score: 100, services: { youtube: ok } }),
  inst('https://api.unsafe.example', { frontend: 'https://unsafe.example', trust: 'not_safe' }),
  inst('https://api.blocked.example', { frontend: 'https://blocked.example' }),
  inst('https://api.broken.example', {
    frontend: 'https://broken.example',
    score: 99,
    services: { youtube: failed },
  }),
];

describe('handoffTargets', () => {
  const ranked = rank(
    'youtube',
    stateOf(INSTANCES),
    settingsWith({ blocked: ['https://api.blocked.example'] }),
    NOW,
  );

  it('offers trusted web apps, Turnstile-gated and official ones included, best first', () => {
    expect(handoffTargets(ranked, 'youtube', 10)).toEqual([
      // The tracker's test for the service passed: first, though gated by Turnstile.
      {
        origin: 'https://api.gated.example',
        frontend: 'https://gated.example',
        name: 'gated.example',
      },
      // Then by score; the two official APIs share one web app, offered once.
      {
        origin: 'https://blossom.imput.net',
        frontend: 'https://cobalt.tools',
        name: 'cobalt.tools',
      },
      {
        origin: 'https://api.open.example',
        frontend: 'https://open.example',
        name: 'open.example',
      },
    ]);
  });

  it('never offers a blocked, not-safe or failing instance, nor one without a web app', () => {
    const origins = handoffTargets(ranked, 'youtube', 10).map((t) => t.origin);
    for (const never of [
      'https://api.unsafe.example',
      'https://api.blocked.example',
      'https://api.broken.example',
      'https://api.noweb.example',
    ]) {
      expect(origins).not.toContain(never);
    }
  });

  it('offers at most the limit', () => {
    expect(handoffTargets(ranked, 'youtube', 1)).toHaveLength(1);
    expect(handoffTargets(ranked, 'youtube')).toHaveLength(3);
  });

  it('respects the trust policy: listed instances off → not offered', () => {
    const listed = INSTANCES.map((i) => ({ ...i, trust: 'listed' as const }));
    const strict = rank(
      'youtube',
      stateOf(listed),
      settingsWith({ trust: { allowListed: false } }),
      NOW,
    );
    expect(handoffTargets(strict, 'youtube')).toEqual([]);
  });
});

describe('webAppUrl', () => {
  it.each([
    [
      'https://cobalt.tools',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1',
      'https://cobalt.tools/#https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3DdQw4w9WgXcQ%26t%3D1',
    ],
    [
      'https://gated.example/',
      'https://x.com/a/status/1#frag',
      'https://gated.example/#https%3A%2F%2Fx.com%2Fa%2Fstatus%2F1%23frag',
    ],
    ['javascript:alert(1)', 'https://x.com/a/status/1', null],
    ['https://cobalt.tools', 'javascript:alert(1)', null],
    ['not a url', 'https://x.com/a/status/1', null],
  ])('%s + %s → %s', (frontend, link, expected) => {
    expect(webAppUrl(frontend, link)).toBe(expected);
  });

  it('the web app gets back exactly the link (it decodes the fragment once)', () => {
    const link = 'https://www.youtube.com/watch?v=a b&list=x#t=3';
    const url = new URL(webAppUrl('https://cobalt.tools', link)!);
    expect(decodeURIComponent(url.hash.replace('#', ''))).toBe(link);
  });
});

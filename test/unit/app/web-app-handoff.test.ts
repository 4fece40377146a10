import type { Job } from '../../../lib/app/job';
import {
  handoffFor,
  handoffForJob,
  handoffForLink,
  offersHandoff,
} from '../../../lib/app/web-app-handoff';
import type { UserError } from '../../../lib/model/user-error';
import { rank } from '../../../lib/rank/rank';
import { inst, NOW, settingsWith, stateOf } from '../rank/rank-fixtures';

const ranked = rank(
  'youtube',
  stateOf([
    inst('https://api.gated.example', {
      frontend: 'https://gated.example',
      turnstile: true,
      score: 60,
    }),
    inst('https://api.noweb.example', { score: 100 }),
  ]),
  settingsWith({}),
  NOW,
);
const rankFor = () => ranked;
const YT = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
const GATED = { url: `https://gated.example/#${encodeURIComponent(YT)}`, name: 'gated.example' };

const error = (kind: UserError['kind']): UserError => ({ kind, titleKey: 't', detailKey: 'd' });

describe('offersHandoff: only when no automatic instance could serve the link', () => {
  it.each([
    ['instances', true],
    ['setup', true],
    ['content', false],
    ['input', false],
    ['internal', false],
  ] as const)('%s → %s', (kind, expected) => {
    expect(offersHandoff(error(kind))).toBe(expected);
  });
  it('no error → false', () => expect(offersHandoff(null)).toBe(false));
});

describe('handoffFor', () => {
  it('the best web app, Turnstile-gated included, with the link in the fragment', () => {
    expect(handoffFor(ranked, 'youtube', YT)).toEqual(GATED);
  });
  it('nothing for a link that is not http(s), or when no instance has a web app', () => {
    expect(handoffFor(ranked, 'youtube', 'javascript:alert(1)')).toBeNull();
    expect(handoffFor([], 'youtube', YT)).toBeNull();
  });
});

describe('handoffForJob (the failure notification)', () => {
  const job = (state: Job['state'], kind: UserError['kind'] | null) =>
    ({ service: 'youtube', url: YT, state, error: kind && error(kind) }) as Job;
  it.each([
    ['failed, every instance failed', job('failed', 'instances'), GATED],
    ['failed, nothing usable', job('failed', 'setup'), GATED],
    ['failed, the post is private', job('failed', 'content'), null],
    ['served', job('downloading', null), null],
    ['gone', undefined, null],
  ])('%s', (_label, input, expected) => {
    expect(handoffForJob(input, rankFor)).toEqual(expected);
  });
});

describe('handoffForLink (the context menu)', () => {
  it.each([
    ['a service link, normalised', `${YT}&si=tracking`, GATED],
    ['not a service', 'https://example.org/page', null],
  ])('%s', (_label, link, expected) => {
    expect(handoffForLink(link, rankFor)).toEqual(expected);
  });
});

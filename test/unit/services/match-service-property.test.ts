import fc from 'fast-check';
import { classifyPage, MAX_LINK_LENGTH, matchService } from '../../../lib/services';
import { findHostRule } from '../../../lib/services/find-host-rule';
import { EQUIVALENT_FORMS, SUPPORTED_LINKS } from './link-fixtures';

const RUNS = 2_000;
const KINDS = ['supported', 'service-page', 'unsupported', 'none'];
const knownLinks = [...SUPPORTED_LINKS, ...EQUIVALENT_FORMS].map(([input]) => input);

/** A known link with characters inserted, removed or replaced: near-misses of real links. */
const mutatedLink = fc
  .tuple(
    fc.constantFrom(...knownLinks),
    fc.nat(),
    fc.nat({ max: 4 }),
    fc.string({ unit: 'binary', maxLength: 6 }),
  )
  .map(([link, at, cut, insert]) => {
    const index = at % (link.length + 1);
    return link.slice(0, index) + insert + link.slice(index + cut);
  });

const anyInput = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  mutatedLink,
);

/** Whatever matchService accepts is a short https link on a table host that maps to itself. */
function checkAccepted(input: string): void {
  const match = matchService(input);
  const page = classifyPage(input);
  expect(KINDS).toContain(page.kind);
  if (!match) {
    expect(page.kind).not.toBe('supported');
    return;
  }
  expect(page).toEqual({ kind: 'supported', ...match });
  const sent = new URL(match.url);
  expect(sent.protocol).toBe('https:');
  expect(sent.href).toBe(match.url);
  expect(sent.username + sent.password + sent.port + sent.hash).toBe('');
  expect(match.url.length).toBeLessThanOrEqual(MAX_LINK_LENGTH);
  expect(findHostRule(sent.hostname)?.service).toBe(match.service);
  expect(matchService(match.url)).toEqual(match);
}

describe('matchService and classifyPage on arbitrary input', () => {
  it('never throw, and what they accept is well-formed and stable', () => {
    fc.assert(fc.property(anyInput, checkAccepted), { numRuns: RUNS });
  });

  it('accept some of the near-misses (the generator reaches the interesting paths)', () => {
    const samples = fc.sample(mutatedLink, { numRuns: 500, seed: 42 });
    const accepted = samples.filter((input) => matchService(input) !== null);
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.length).toBeLessThan(samples.length);
  });
});

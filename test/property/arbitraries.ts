import fc from 'fast-check';

/**
 * Shared fast-check arbitraries for the property suite (test/property/*.test.ts): hostile but
 * plausible values, the kind a stranger's tracker or instance would send.
 */

/** Every property of the suite runs this many cases (CI included). */
export const RUNS = 10_000;

/**
 * CI replays one fixed seed so a landing is reproducible (a counterexample found there can be
 * re-run exactly); local runs draw a fresh seed each time to keep exploring. Override with
 * FC_SEED=<n> to replay a failure fast-check reported.
 */
const seed = process.env.FC_SEED
  ? Number(process.env.FC_SEED)
  : process.env.CI
    ? 20_261_123
    : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });

/** Strings a hostile feed likes: controls, bidi overrides, NUL, quotes, huge code points. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e',
    '\ufeff',
    'None',
    'none',
    'null',
    'Offline',
    'Unknown',
    'N/A',
    '__proto__',
    'constructor',
    'toString',
    '-1',
    '1e309',
    'NaN',
    'true',
    'false',
    'yes',
    'offline',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '\\\\evil\\share',
    'x'.repeat(300),
  ),
);

/** Any JSON value, with the nasty strings mixed in. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 101, 1e21, -0.5, 99.999) },
);

/** Something in the place of a host: real-looking hosts, ports, schemes, IPs and junk. */
export const hostLike: fc.Arbitrary<string> = fc.oneof(
  fc.domain(),
  fc.ipV4(),
  fc.ipV6().map((ip) => `[${ip}]`),
  fc.tuple(fc.domain(), fc.integer({ min: 0, max: 70_000 })).map(([d, p]) => `${d}:${p}`),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc
    .tuple(fc.constantFrom('HTTP://', 'https://', 'HtTpS://', ' https://'), fc.domain())
    .map(([scheme, domain]) => `${scheme}${domain.toUpperCase()}/path?q=1#x`),
  fc.constantFrom(
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,hi',
    'chrome://settings',
    'blob:https://a.example/1',
    'ftp://files.example',
    'https://user:pass@evil.example',
    'https://youtube.com@evil.example/',
    'http://127.0.0.1:9000',
    'localhost',
    'example.com.',
    'EXAMPLE.COM',
    'xn--e1afmkfd.xn--p1ai',
    'a..b',
    '-bad-.example',
    'under_score.example',
    'host with space.example',
    'exa\u0000mple.com',
    'exa\tmple.com',
    `${'a'.repeat(64)}.example`,
    `${'a.'.repeat(130)}example`,
  ),
  nastyString,
);

/** A value that is usually the right type for a field, and sometimes anything at all. */
export function mostly<T>(typed: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: typed }, { weight: 1, arbitrary: anyJson });
}

/** Service names as the trackers, GET / and cobalt spell them, plus look-alikes and junk. */
export const serviceName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'youtube',
    'YouTube',
    'youtube_music',
    'youtube-music',
    'YouTube Music',
    'youtube shorts',
    'twitter',
    'X/Twitter',
    'x',
    'tiktok',
    'instagram',
    'reddit',
    'twitch clips',
    'twitch_clips',
    'twitch-clips',
    'twitch',
    'ok',
    'ok.ru',
    'odnoklassniki',
    'vk',
    'vk.com',
    'bluesky',
    'bsky',
    'soundcloud',
    'newgrounds',
    'vimeo',
    'loom',
    'Frontend',
    'frontend',
    'vine',
    '__proto__',
    'constructor',
    'hasOwnProperty',
  ),
  nastyString,
);

/** A reported version: real ones of every generation, forks' inventions and junk. */
export const versionLike: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '7.15',
    '7.14.2-dev',
    'v7.1',
    '8.0.0',
    '9.1',
    '10.0.0',
    '10.1.3',
    '10.2.0',
    '10.9.4',
    '11.0.0',
    '11.1.2',
    '11.2.0',
    '11.7.1',
    'v11.4',
    '12.0.0',
    '10.',
    '10',
    '1.0',
    'Offline',
    'Unknown',
    'unknown',
    '',
    ' 11.7.1 ',
    '11.7.1-fork+build.5',
  ),
  fc
    .tuple(fc.nat({ max: 20 }), fc.nat({ max: 20 }), fc.nat({ max: 20 }))
    .map(([a, b, c]) => `${a}.${b}.${c}`),
  fc.double({ noNaN: true, min: 0, max: 20 }),
  anyJson,
);

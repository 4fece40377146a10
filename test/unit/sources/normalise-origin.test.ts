import { frontendOrigin, normaliseOrigin } from '../../../lib/sources/normalise-origin';

describe('normaliseOrigin', () => {
  it.each([
    ['co.wuk.sh', 'https', 'https://co.wuk.sh'],
    ['CoBalt.Example.COM', 'https', 'https://cobalt.example.com'],
    ['songfinderapi.ddns.net:9000', 'http', 'http://songfinderapi.ddns.net:9000'],
    ['47.237.84.213:443', 'http', 'http://47.237.84.213:443'],
    ['cobalt.example.com:443', 'https', 'https://cobalt.example.com'],
    ['cobalt.example.com/api/json?x=1#y', 'https', 'https://cobalt.example.com'],
    ['https://cobaltapi.cjs.nz/', undefined, 'https://cobaltapi.cjs.nz'],
    ['https://cobaltapi.cjs.nz', 'http', 'https://cobaltapi.cjs.nz'],
    ['cobalt.example.com', undefined, 'https://cobalt.example.com'],
    ['cobalt.example.com', 'HTTP', 'http://cobalt.example.com'],
    ['cobalt.example.com', 'https:', 'https://cobalt.example.com'],
    ['cobalt.example.com.', 'https', 'https://cobalt.example.com'],
    ['[2001:DB8::7]:9000', 'http', 'http://[2001:db8::7]:9000'],
    ['  spaced.example.com  ', 'https', 'https://spaced.example.com'],
    ['my_host.example.com', 'https', 'https://my_host.example.com'],
  ])('%s (%s) → %s', (api, protocol, origin) => {
    expect(normaliseOrigin(api, protocol)).toEqual({ ok: true, origin });
  });

  it.each([
    ['', 'https', '"api" is empty'],
    ['cobalt.example.com', 'ftp', '"protocol" must be http or https, not "ftp"'],
    [
      'ftp://files.example.com',
      'https',
      '"api" uses an unsupported scheme: "ftp://files.example.com"',
    ],
    ['javascript:alert(1)', 'https', '"api" is not a valid host: "javascript:alert(1)"'],
    ['https://', 'https', '"api" is not a valid host: "https://"'],
    ['bad host.example.com', 'https', '"api" is not a valid host: "bad host.example.com"'],
    ['-bad-.example.com', 'https', '"api" is not a valid host: "-bad-.example.com"'],
    ['cobalt.example.com:99999', 'https', '"api" is not a valid host: "cobalt.example.com:99999"'],
    ['a..b.example.com', 'https', '"api" is not a valid host: "a..b.example.com"'],
    [
      'user:pw@creds.example.com',
      'https',
      '"api" contains credentials: "user:pw@creds.example.com"',
    ],
  ])('rejects %j (%s): %s', (api, protocol, reason) => {
    expect(normaliseOrigin(api, protocol)).toEqual({ ok: false, reason });
  });

  it('cuts long values quoted in a reason', () => {
    const result = normaliseOrigin(`${'x'.repeat(300)} y`, 'https');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.length).toBeLessThan(120);
  });
});

describe('frontendOrigin', () => {
  it.each([
    ['cobalt.tools', 'https://cobalt.tools'],
    ['None', null],
    ['none', null],
    ['', null],
    [undefined, null],
    [null, null],
    [7, null],
    ['https://cobalt.blackcat.sweeux.org/', 'https://cobalt.blackcat.sweeux.org'],
    ['74.48.202.63:9001', 'https://74.48.202.63:9001'],
    ['not a host', null],
  ])('%j → %j', (value, expected) => {
    expect(frontendOrigin(value)).toBe(expected);
  });
});

import { isIpHost } from '../../../lib/instances/is-ip-host';

describe('isIpHost', () => {
  it.each([
    ['1.2.3.4', true],
    ['31.220.77.64:9000', true],
    ['255.255.255.255', true],
    ['::1', true],
    ['2001:db8::7', true],
    ['[2001:db8::7]', true],
    ['[2001:db8::7]:9000', true],
    ['http://47.237.84.213:443', true],
    ['http://[::1]:9000', true],
    ['cobalt.example.com', false],
    ['cobalt.example.com:9000', false],
    ['256.1.1.1', false],
    ['1.2.3', false],
    ['1.2.3.4:port', false],
    ['[2001:db8::7]x', false],
    ['[not-ip]', false],
    ['1.2.3.4.example.com', false],
    ['https://co.wuk.sh', false],
    ['', false],
    ['http://', false],
  ])('%j → %s', (host, expected) => {
    expect(isIpHost(host)).toBe(expected);
  });
});

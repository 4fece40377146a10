import { requestHostAccess, setHostAccessRequester } from '../../../components/host-access';

describe('requestHostAccess', () => {
  const asked: string[][] = [];
  beforeEach(() => {
    asked.length = 0;
    setHostAccessRequester((origins) => void asked.push(origins));
  });
  afterEach(() => setHostAccessRequester(null));

  it.each([
    ['https://lists.example/feeds/instances.json?x=1', [['https://lists.example/*']]],
    ['http://10.0.0.5:9000/', [['http://10.0.0.5:9000/*']]],
    ['https://cobalt.home.example:9000', [['https://cobalt.home.example:9000/*']]],
    ['javascript:alert(1)', []],
    ['file:///etc/passwd', []],
    ['not a url', []],
  ])('%s → %j', (url, expected) => {
    requestHostAccess(url);
    expect(asked).toEqual(expected);
  });
});

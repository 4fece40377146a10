import {
  classifyErrorStatus,
  classifyTransportFailure,
  classifyUnreadableBody,
} from '../../../lib/sources/feed-failure';

const CHALLENGE_HTML = '<!DOCTYPE html><html><head><title>Just a moment...</title></head></html>';
const headers = (values: Record<string, string> = {}) => new Headers(values);

describe('classifyTransportFailure', () => {
  it.each([
    ['network', 'fetch failed (getaddrinfo ENOTFOUND instances.cobalt.best)', 'dns'],
    ['network', 'fetch failed (getaddrinfo EAI_AGAIN cobalt.directory)', 'dns'],
    ['network', 'net::ERR_NAME_NOT_RESOLVED', 'dns'],
    ['network', 'fetch failed (connect ECONNREFUSED 127.0.0.1:9)', 'unreachable'],
    ['network', 'Failed to fetch', 'unreachable'],
    ['timeout', 'No answer within 5000 ms', 'timeout'],
    ['too-large', 'The answer was too large', 'too-large'],
    ['bad-url', 'Refused', 'bad-url'],
    ['aborted', 'Cancelled', 'cancelled'],
  ] as const)('%s "%s" → %s', (kind, message, expected) => {
    expect(classifyTransportFailure(kind, message)).toEqual({ kind: expected, status: null });
  });
});

describe('classifyErrorStatus', () => {
  it.each([
    ['403 challenge page', 403, {}, CHALLENGE_HTML, 'challenge'],
    ['403 with cf-mitigated only', 403, { 'cf-mitigated': 'challenge' }, '', 'challenge'],
    ['503 challenge page', 503, {}, CHALLENGE_HTML, 'challenge'],
    ['plain 403', 403, {}, 'Forbidden', 'http'],
    ['404', 404, {}, 'Not Found', 'gone'],
    ['410', 410, {}, 'Gone', 'gone'],
    ['500', 500, {}, CHALLENGE_HTML, 'http'],
    ['502', 502, {}, 'Bad Gateway', 'http'],
  ] as const)('%s → %s', (_label, status, head, text, expected) => {
    expect(classifyErrorStatus({ status, headers: headers(head), text })).toEqual({
      kind: expected,
      status,
    });
  });
});

describe('classifyUnreadableBody (a 2xx the parser refused)', () => {
  it.each([
    ['a challenge page served with 200', CHALLENGE_HTML, 'challenge'],
    ['an ordinary web page', '<html><body>Instances</body></html>', 'not-json'],
    ['cut-off JSON', '[{"api": "a.example', 'not-json'],
    ['JSON of the wrong shape', '{"hello": "world"}', 'bad-feed'],
    ['an empty list', '[]', 'bad-feed'],
  ])('%s → %s', (_label, text, expected) => {
    expect(classifyUnreadableBody({ status: 200, headers: headers(), text })).toEqual({
      kind: expected,
      status: 200,
    });
  });
});

import { addKeyHash, readAddKeyHash } from '../../../lib/ui/add-key-link';

describe('add-key link (popup "Add a key" → options My instances)', () => {
  it('round-trips an origin and a service', () => {
    const hash = addKeyHash('https://keyed.example:8443', 'youtube');
    expect(readAddKeyHash(hash)).toEqual({
      origin: 'https://keyed.example:8443',
      service: 'youtube',
    });
    expect(readAddKeyHash(addKeyHash('http://127.0.0.1:9000', null))).toEqual({
      origin: 'http://127.0.0.1:9000',
      service: null,
    });
  });

  it.each([
    ['another fragment', '#sources'],
    ['no origin', '#mine?service=youtube'],
    ['not http(s)', '#mine?add-key=javascript%3Aalert(1)'],
    ['not an address', '#mine?add-key=%%%'],
    ['empty', ''],
  ])('%s → null', (_label, hash) => {
    expect(readAddKeyHash(hash)).toBeNull();
  });

  it('a path is cut to the origin, an unknown service is dropped', () => {
    expect(readAddKeyHash('#mine?add-key=https%3A%2F%2Fa.example%2Fx%3Fy&service=myspace')).toEqual(
      { origin: 'https://a.example', service: null },
    );
  });
});

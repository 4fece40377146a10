import { classifyError } from '../../../lib/cobalt/classify-error';

/** docs/cobalt-api.md §4: ambiguous codes fail over a bounded number of times, then stop. */
describe('bounded failovers', () => {
  it.each([
    ['error.api.fetch.empty', 2],
    ['error.api.fetch.short_link', 1],
  ])('%s fails over at most %i times', (code, bound) => {
    expect(classifyError(code)).toMatchObject({ action: 'failover', maxFailovers: bound });
  });

  it.each([
    'error.api.fetch.fail',
    'error.api.rate_exceeded',
    'error.api.content.post.private',
    'error.api.made.up',
  ])('%s carries no bound', (code) => {
    expect(classifyError(code).maxFailovers).toBeUndefined();
  });
});

import { globalConfig } from 'zod/v4/core';
import '../../../platform/zod-jitless';

describe('platform/zod-jitless', () => {
  it('turns off zod’s new Function parsers, which an extension’s CSP forbids', () => {
    expect(globalConfig.jitless).toBe(true);
  });
});

import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    environment: 'node',
    globals: true,
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // Security invariants over every test server's requests, checked after each file.
    setupFiles: ['test/support/invariants-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: keep the pool small so integration servers are not starved.
    maxWorkers: 2,
  },
});

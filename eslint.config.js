// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Architecture boundaries (docs/rules.md "Architecture"), enforced here rather than by habit:
 * - lib/ is the browser-free engine: no browser globals, no wxt, no entrypoints/, components/, platform/.
 * - UI (components/, popup, options) never imports background code, platform adapters, or zod:
 *   it talks to the background through the message protocol, importing its types only.
 * - The background never imports UI.
 * test/unit/lint-boundaries.test.ts proves each zone fails on a forbidden import.
 */
const browserModules = ['wxt/*', 'wxt', '@wxt-dev/*', 'webextension-polyfill', '#imports'];

export const libBoundary = {
  files: ['lib/**/*.{ts,tsx}'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: browserModules,
            message: 'lib/ must not touch browser APIs: take an adapter as a parameter.',
          },
          {
            group: [
              '**/entrypoints/**',
              '@/entrypoints/**',
              '**/components/**',
              '@/components/**',
              '**/platform/**',
              '@/platform/**',
            ],
            message: 'lib/ must not import entrypoints, components or platform adapters.',
          },
        ],
      },
    ],
    'no-restricted-globals': [
      'error',
      {
        name: 'browser',
        message: 'lib/ must not touch browser APIs: take an adapter as a parameter.',
      },
      {
        name: 'chrome',
        message: 'lib/ must not touch browser APIs: take an adapter as a parameter.',
      },
    ],
  },
};

export const uiBoundary = {
  files: [
    'components/**/*.{ts,tsx}',
    'entrypoints/popup/**/*.{ts,tsx}',
    'entrypoints/options/**/*.{ts,tsx}',
    'entrypoints/picker/**/*.{ts,tsx}',
  ],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: [
              '**/entrypoints/background*',
              '**/entrypoints/background/**',
              '@/entrypoints/background*',
              '**/platform/**',
              '@/platform/**',
              // The one i18n path (platform/i18n.ts) serves the pages and the background alike:
              // it reads browser.i18n, which every extension page has, and imports nothing else.
              '!**/platform/i18n',
              '!@/platform/i18n',
            ],
            message: 'UI must not import background code: use the message protocol.',
          },
          {
            group: ['zod', 'zod/*'],
            message: 'zod stays out of the UI bundles (popup weight budget).',
            allowTypeImports: true,
          },
          {
            // Negations must re-include the folder itself, or its files stay excluded.
            group: [
              '**/lib/**',
              '@/lib/**',
              '!**/lib/ui',
              '!**/lib/ui/**',
              '!@/lib/ui',
              '!@/lib/ui/**',
            ],
            message:
              'UI imports engine types only (lib/ui/* holds the few pure helpers it may run).',
            allowTypeImports: true,
          },
        ],
      },
    ],
  },
};

export const backgroundBoundary = {
  files: ['entrypoints/background/**/*.ts', 'entrypoints/background.ts', 'platform/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['**/components/**', '@/components/**', 'preact', 'preact/*'],
            message: 'The background must not import UI.',
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.output/',
      '.output-e2e/',
      '.wxt/',
      'coverage/',
      'test-results/',
      '.bench*',
      'test/fixtures/lint/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  libBoundary,
  uiBoundary,
  backgroundBoundary,
);

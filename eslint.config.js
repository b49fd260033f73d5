import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { apiBoundaries } from './eslint.boundaries.js';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.data/**',
      'dashboards/src/gql/**',
      'coverage/**',
      'migrations/Migration*.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      curly: 'error',
      eqeqeq: ['error', 'always'],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports (config files excepted).' },
      ],
    },
  },
  // The API's import direction (modules point one way; shared/ imports no domain; no orm.em).
  ...apiBoundaries,
  {
    // The dashboards run in the browser (Vite bundles them; tests run them in jsdom).
    files: ['dashboards/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      'react-hooks/exhaustive-deps': 'error',
      // JSX handlers may return promises (`onSubmit={() => void save()}` is still preferred).
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  // --- Dashboards: import boundaries (app → areas → features → shared; gql is generated) ---
  {
    files: ['dashboards/src/features/**/*.{ts,tsx}'],
    ignores: ['dashboards/src/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/areas', '**/areas/**', '**/app', '**/app/**'],
              message: 'Features never import areas or the app shell: an area composes features, not the other way.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['dashboards/src/shared/**/*.{ts,tsx}'],
    ignores: ['dashboards/src/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/features', '**/features/**', '**/areas', '**/areas/**', '**/app', '**/app/**'],
              message: 'shared/ is the bottom floor: it imports no feature, area or app code.',
            },
          ],
        },
      ],
    },
  },
  // --- end of the dashboards' import boundaries ---
  {
    // Config files that tools require to default-export.
    files: [
      '*.config.{js,ts}',
      '**/*.config.{js,ts}',
      'codegen.ts',
      'api/test/global-setup.ts',
      'dashboards/e2e/server.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Test tables build their cases with async functions whether or not a case awaits.
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);

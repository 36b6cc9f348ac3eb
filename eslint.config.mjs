// Lint rules. The layering rule is the important one: workflow code must stay
// deterministic, so workflows/ may import only domain/, Temporal's workflow API
// and other workflow files (docs/architecture.md, "Workflow code").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.tools/', 'data/', 'web/', 'coverage/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../activities/*', '../api/*', '../db/*', '../runtime/*', '../seeds/*', '../scripts/*', '../processes/*', '../../activities/*', '../../api/*', '../../db/*', '../../runtime/*', '../../seeds/*', '../../scripts/*', '../../processes', '../../processes/*', '../../activities'],
              message: 'Workflow code imports only domain/ (and types of activities via `import type`).',
              allowTypeImports: true,
            },
            { group: ['fs', 'node:*', 'knex', 'express', 'luxon', 'pino'], message: 'Workflow code must stay deterministic.' },
          ],
        },
      ],
    },
  },
);

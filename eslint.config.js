import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeOnly = [
  'electron',
  'better-sqlite3',
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'worker_threads',
];
const boundary = (extra = []) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: [...nodeOnly, ...extra],
          message: 'This layer is pure: no Electron, SQLite or Node built-ins (see HOUSE-STYLE.md).',
        },
      ],
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.bench/**',
    ],
  },
  js.configs.recommended,
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], languageOptions: { globals: globals.node } },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use an as-const array and a type guard.' },
      ],
    },
  },
  {
    files: ['src/core/**', 'src/shared/**'],
    rules: boundary(['react', 'react-dom', '../main/*', '../renderer/*']),
  },
  { files: ['src/renderer/**'], rules: boundary(['**/main/**', '**/core/**/node-*']) },
  {
    // Only the Electron shell may import electron; everything else must load in plain Node tests.
    files: ['src/main/**'],
    ignores: ['src/main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only src/main/electron may import electron.' }] },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);

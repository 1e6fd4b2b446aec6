// Lint: typescript-eslint's recommended rules on all TypeScript; type checking itself is `npm run typecheck`.
// It also keeps the house's floors apart: core/ is pure (it runs in Node and in Apps Script's V8, so no Node
// module, no Node or Apps Script global, nothing from the floors above it); apps-script/ and sync/ never reach
// into each other.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Globals of Node and of Apps Script that would tie the core to one of its two runtimes. */
const CORE_FORBIDDEN_GLOBALS = [
  ...['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'setImmediate'],
  ...['SpreadsheetApp', 'Utilities', 'PropertiesService', 'LockService', 'MailApp', 'ScriptApp', 'HtmlService', 'DriveApp'],
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'apps-script/dist/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Plain JavaScript run by Node itself (bin/, scripts/, bench/, the bundled exceljs entry).
  { files: ['**/*.mjs', '**/*.cjs'], languageOptions: { globals: globals.node } },
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'core/ runs in Apps Script too: no Node modules (adapters in sync/ read and write).' },
            {
              group: ['**/sync/**', '**/apps-script/**', '**/test/**'],
              message: 'core/ is the lowest floor: it imports nothing above it.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...CORE_FORBIDDEN_GLOBALS],
    },
  },
  {
    files: ['apps-script/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/sync/**', 'node:*'], message: 'The Apps Script bundle uses core/ only.' }] },
      ],
    },
  },
  {
    files: ['sync/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/apps-script/**'], message: 'sync/ and apps-script/ are separate adapters over core/.' }] },
      ],
    },
  },
);

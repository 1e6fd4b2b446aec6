// Lint: typescript-eslint's recommended rules on all TypeScript; type checking itself is `npm run typecheck`.
// It also keeps the house's floors apart: core/ is pure (it runs in Node and in Apps Script's V8, so no Node
// module, no Node or Apps Script global, nothing from the floors above it); apps-script/ and sync/ never reach
// into each other, except the browser dialog (apps-script/dialog/), which uses sync/'s writers that need no Node.
import { dirname, relative, resolve } from 'node:path';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Globals of Node and of Apps Script that would tie the core to one of its two runtimes. */
const CORE_FORBIDDEN_GLOBALS = [
  ...['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'setImmediate'],
  ...['SpreadsheetApp', 'Utilities', 'PropertiesService', 'LockService', 'MailApp', 'ScriptApp', 'HtmlService', 'DriveApp'],
];

/**
 * The folders of each floor, from the ground up: a file may import its own folder and the folders on lower lines,
 * never a folder on its own line or above it, so the folders form a tree of dependencies (no folder-level circle).
 * A folder is the deepest one listed that holds the file; the floor's root (`core`, `sync`) holds its loose files.
 */
const FOLDER_ORDER = {
  core: [
    ['core/text', 'core/model'],
    ['core/deadline', 'core/units'],
    ['core/layout'],
    ['core/settings'],
    ['core/periods'],
    ['core/merge'],
    ['core/catalog'],
    ['core/appendix', 'core/metrics'],
    ['core/par-index'],
    ['core/validation'],
    ['core/import', 'core/report'],
    ['core/files'],
    ['core'],
  ],
  sync: [
    ['sync'],
    ['sync/files'],
    ['sync/word'],
    ['sync/excel'],
    ['sync/store', 'sync/report'],
    ['sync/sheets', 'sync/samples'],
    ['sync/rollup'],
    ['sync/cli/shared'],
    ['sync/cli/commands'],
    ['sync/cli'],
  ],
};
const ROOT = import.meta.dirname;
const FLOOR_OF = new Map(Object.values(FOLDER_ORDER).flatMap((floors) => floors.flatMap((folders, i) => folders.map((f) => [f, i]))));
/** The listed folder holding a repository path, or undefined outside the ordered floors. */
function folderOf(path) {
  for (let dir = path; dir !== '.' && dir !== ''; dir = dirname(dir)) if (FLOOR_OF.has(dir)) return dir;
  return undefined;
}
const folderOrder = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const from = relative(ROOT, context.filename);
    const own = folderOf(dirname(from));
    const check = (node) => {
      const spec = node.source && node.source.type === 'Literal' ? node.source.value : undefined;
      if (own === undefined || typeof spec !== 'string' || !spec.startsWith('.')) return;
      const targetFolder = folderOf(dirname(relative(ROOT, resolve(dirname(context.filename), spec))));
      if (targetFolder === undefined || targetFolder === own || own.split('/')[0] !== targetFolder.split('/')[0]) return;
      if (FLOOR_OF.get(targetFolder) >= FLOOR_OF.get(own))
        context.report({
          node: node.source,
          message: `${own}/ may not import ${targetFolder}/: the folders must form a tree (eslint.config.js FOLDER_ORDER).`,
        });
    };
    return { ImportDeclaration: check, ExportAllDeclaration: check, ExportNamedDeclaration: check, ImportExpression: check };
  },
};

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
    files: ['core/**/*.ts', 'sync/**/*.ts'],
    plugins: { house: { rules: { 'folder-order': folderOrder } } },
    rules: { 'house/folder-order': 'error' },
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
    // The export dialog runs in the official's browser: core and the writers of sync/ that need no Node (its build
    // for the browser fails on any Node module they would reach).
    files: ['apps-script/dialog/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*'], message: 'The export dialog runs in the browser: no Node modules.' }] },
      ],
    },
  },
  {
    files: ['sync/**/*.ts'],
    ignores: ['sync/environment.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'The environment is read in one place: sync/environment.ts.' },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/apps-script/**'], message: 'sync/ and apps-script/ are separate adapters over core/.' }] },
      ],
    },
  },
);

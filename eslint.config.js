// Lint enforces the runtime boundaries: src-shared is pure, only src-main/electron/ touches Electron,
// the renderer never reaches Node. The folder is the runtime.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeBan = { paths: nodeModules.map((name) => ({ name, message: 'This folder does not run in Node.' })) };
const electronBan = {
  name: 'electron',
  message: 'Only src-main/electron/ imports electron; keep services runnable in plain Node.',
};
// packages that only work in Node (native modules, the file system): never in the page
const nodeOnlyPackages = ['conf', 'electron-store', '@napi-rs/keyring', 'ws'].map((name) => ({
  name,
  message: 'This package runs only in Node: ask the main side through the contract.',
}));
const uiPackages = ['react', 'react-dom', 'zustand', '@tanstack/react-virtual'].map((name) => ({
  name,
  message: 'The main side has no UI: it serves the contract.',
}));
// test support lives in test-*.ts files (and *.test.ts): production code never imports it
const testSupport = { group: ['**/test-*', '!**/test-*.d.ts'], message: 'Production code never imports test support (test-*.ts).' };
const testFiles = ['**/*.test.ts', '**/*.test.tsx', '**/test-*.ts'];

export default tseslint.config(
  { ignores: ['out/**', 'out-*/**', 'tools/**', 'reports/**', 'test-results/**', 'playwright-report/**', '.ci/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.node.json',
          './tsconfig.web.json',
          './tsconfig.shared.json',
          './tsconfig.tests.json',
          './packages/kraken-simulator/tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        {
          selector: "CallExpression[callee.name='parseFloat']",
          message: 'Money never becomes a JS number: use Decimal from src-shared/money.ts.',
        },
      ],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBan.paths,
            electronBan,
            ...[...uiPackages, ...nodeOnlyPackages].map(({ name }) => ({ name, message: 'src-shared is pure.' })),
          ],
          patterns: [{ group: ['**/src-main/**', '**/src-renderer/**'], message: 'src-shared depends on nothing else.' }, testSupport],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'localStorage', 'fetch'],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBan.paths, electronBan, ...nodeOnlyPackages],
          patterns: [{ group: ['**/src-main/**'], message: 'The renderer talks to main only through the contract.' }, testSupport],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**', ...testFiles],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan, { name: 'electron-store', message: 'Only the Electron shell constructs electron-store.' }, ...uiPackages],
          patterns: [{ group: ['**/src-renderer/**'], message: 'The main side never imports the renderer.' }, testSupport],
        },
      ],
    },
  },
  {
    // GitHub Desktop's rule: raw IPC only where the contract is bound
    files: ['src-main/electron/**/*.ts'],
    ignores: ['src-main/electron/ipc.ts', 'src-main/electron/preload.ts', ...testFiles],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Use the contract binding in ipc.ts.' },
            ...uiPackages,
          ],
          patterns: [{ group: ['**/src-renderer/**'], message: 'The main side never imports the renderer.' }, testSupport],
        },
      ],
    },
  },
  {
    files: ['src-main/electron/ipc.ts', 'src-main/electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: uiPackages,
          patterns: [{ group: ['**/src-renderer/**'], message: 'The main side never imports the renderer.' }, testSupport],
        },
      ],
    },
  },
  {
    // the simulator is its own package: Kraken's side of the wire, sharing only the pure domain kernel (src-shared)
    files: ['packages/kraken-simulator/src/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan, ...uiPackages, { name: 'electron-store', message: 'The simulator keeps its state in memory.' }],
          patterns: [
            {
              group: ['**/src-main/**', '**/src-renderer/**'],
              message: 'The simulator stands apart from the app: it may share src-shared only.',
            },
            testSupport,
          ],
        },
      ],
    },
  },
  {
    // tools read these configs' default export
    files: ['*.config.ts', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);

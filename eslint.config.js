import js from '@eslint/js';
import globals from 'globals';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'native/**', '.cache/**', 'node_modules/**', 'bench/out/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'tests/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // The core must run in tests, the CLI and the server, where there is no Electron.
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/server/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'src/core, cli, server and shared never import electron.' }] },
      ],
    },
  },
  {
    // src/shared is the ground floor: it imports nothing of ours from above it.
    files: ['src/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/**', '**/main/**', '**/renderer/**', '**/server/**'],
              message: 'src/shared imports nothing from the floors above.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer and preload see the contract as types; the zod schemas stay in main and the server.
    files: ['src/renderer/**/*.{ts,tsx}', 'src/preload/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: 'Validation happens in main (src/shared/ipcSchemas.ts).' }],
          patterns: [
            {
              group: ['**/core/**'],
              message: 'The renderer and preload import src/shared, never src/core.',
            },
            {
              group: ['**/shared/ipcSchemas', '**/shared/coachingSchemas', '**/shared/reviewSchemas'],
              allowTypeImports: true,
              message: 'zod schemas are for main and the server; import their types only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Imports point one way (src/shared → core → main/server/cli; the renderer's store → features): no cycles.
    files: ['src/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver': undefined,
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.node.json', 'tsconfig.web.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Raw IPC only in the typed helpers; everything else goes through them and the contract.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/main/ipc.ts', 'src/preload/api.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportSpecifier[imported.name='ipcMain']",
          message: 'Use src/main/ipc.ts (handle/on/push).',
        },
        { selector: "ImportSpecifier[imported.name='ipcRenderer']", message: 'Use src/preload/api.ts.' },
      ],
    },
  },
  {
    // The renderer reaches main through src/renderer/src/coachApi.ts only (main.tsx installs the browser bridge).
    files: ['src/renderer/**/*.{ts,tsx}'],
    ignores: ['src/renderer/src/coachApi.ts', 'src/renderer/src/main.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportSpecifier[imported.name='ipcRenderer']", message: 'Use src/preload/api.ts.' },
        {
          selector: "MemberExpression[object.name='window'][property.name='api']",
          message: 'Call main through coachApi() (src/renderer/src/coachApi.ts).',
        },
      ],
    },
  },
);

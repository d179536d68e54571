// Lint is where the house-style boundaries are enforced (not left to convention):
// - lib/chain is pure: no fs/net/env/clock/randomness, imports only lib/chain and lib/shared;
// - components/ import only lib/shared and lib/client;
// - app/ enters server code only through lib/server.ts (plus lib/shared, lib/client, lib/errors);
// - process.env is read only by lib/config (and build-time config files).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import path from 'node:path';
import globals from 'globals';

const nodeIo = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'net', 'node:net', 'http', 'node:http',
  'https', 'node:https', 'http2', 'node:http2', 'dgram', 'node:dgram', 'child_process', 'node:child_process',
  'worker_threads', 'node:worker_threads', 'os', 'node:os', 'process', 'node:process', 'dns', 'node:dns',
  'tls', 'node:tls', 'path', 'node:path'];

export default tseslint.config(
  { ignores: ['node_modules/**', '.next/**', 'dist/**', 'coverage/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**', 'e2e/artifacts/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { [path.resolve('scripts/eslint-resolver.cjs')]: {} } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      'import/no-restricted-paths': ['error', {
        zones: [
          { target: './components', from: './lib', except: ['./shared', './client'],
            message: 'UI code may import only lib/shared and lib/client.' },
          { target: './lib/chain', from: './lib', except: ['./chain', './shared', './errors'],
            message: 'lib/chain is pure: bytes and values in, values out.' },
          { target: './lib/shared', from: './lib', except: ['./shared'],
            message: 'lib/shared is isomorphic and imports nothing else from lib.' },
          { target: './app', from: './lib', except: ['./server.ts', './shared', './client', './errors'],
            message: 'app/ enters server code only through lib/server.ts.' },
        ],
      }],
    },
  },
  {
    // process.env is read in one place only.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['lib/config/**', '**/*.test.ts', '**/*.test.tsx', '**/*-test-helpers.ts', '**/__fixtures__/**', 'e2e/**', 'playwright.config.ts', 'vitest.config.ts', 'scripts/**', 'bench/**', 'instrumentation.ts'],
    rules: {
      'no-restricted-properties': ['error',
        { object: 'process', property: 'env', message: 'Read configuration through lib/config.' }],
    },
  },
  {
    files: ['lib/chain/**/*.ts'],
    ignores: ['lib/chain/**/*.test.ts', 'lib/chain/__fixtures__/**'],
    rules: {
      // Repeats the lib/chain zone (a later block replaces the rule) and adds: no packages at all.
      'import/no-restricted-paths': ['error', {
        zones: [
          { target: './lib/chain', from: './lib', except: ['./chain', './shared', './errors'],
            message: 'lib/chain is pure: bytes and values in, values out.' },
          { target: './lib/chain', from: './node_modules', message: 'lib/chain has no runtime dependencies.' },
        ],
      }],
      'no-restricted-imports': ['error', {
        paths: nodeIo.map((name) => ({ name, message: 'lib/chain is pure: no I/O, env or OS access.' })),
        patterns: [{ group: ['@elastic/*', 'next', 'next/*', 'react', 'zod'], message: 'lib/chain has no dependencies.' }],
      }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'lib/chain is pure: time is a parameter.' },
        { object: 'Math', property: 'random', message: 'lib/chain is pure: randomness is a parameter.' },
        { object: 'process', property: 'env', message: 'lib/chain is pure: configuration is a parameter.' },
        { object: 'crypto', property: 'randomBytes', message: 'lib/chain is pure: key material is a parameter.' }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'lib/chain is pure: time is a parameter.' },
        { selector: "ImportSpecifier[imported.name=/^(randomBytes|randomUUID|randomInt|getRandomValues|randomFillSync|randomFill)$/]", message: 'lib/chain is pure: randomness is a parameter.' }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'lib/chain is pure.' },
        { name: 'fetch', message: 'lib/chain is pure.' },
        { name: 'setTimeout', message: 'lib/chain is pure.' },
        { name: 'console', message: 'lib/chain does not log.' }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);

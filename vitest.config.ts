import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include: ['lib/**/*.test.ts', 'lib/**/*.test.tsx', 'components/**/*.test.tsx', 'app/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['node_modules', 'dist', '.next', 'e2e/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['lib/chain/**/*.ts'],
      exclude: ['lib/chain/**/*.test.ts', 'lib/chain/__fixtures__/**'],
      reporter: ['text-summary', 'json-summary'],
      // lib/chain is the signing core: every branch is exercised (house style §2.7).
      thresholds: { 'lib/chain/**/*.ts': { branches: 100, functions: 100, lines: 100, statements: 100 } },
    },
  },
});

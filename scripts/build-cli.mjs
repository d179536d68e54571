// Bundles the CLI (and its worker entry points) with esbuild so that `signet` runs on plain Node
// without a TypeScript loader. node_modules stay external: they are required at run time.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const entries = [
  ['lib/cli/main.ts', 'dist/cli/main.cjs'],
  ['lib/verify-workers/verify-worker.ts', 'dist/cli/verify-worker.cjs'],
  ['lib/verify/check-worker.ts', 'dist/cli/verify-check-worker.cjs'],
  ['lib/ingest/prepare-worker.ts', 'dist/cli/ingest-prepare-worker.cjs'],
  ['bench/verify.ts', 'dist/bench/verify.cjs'],
  ['bench/core.ts', 'dist/bench/core.cjs'],
  ['bench/store.ts', 'dist/bench/store.cjs'],
  ['bench/ingest.ts', 'dist/bench/ingest.cjs'],
  ['bench/bulk-sink.ts', 'dist/bench/bulk-sink.cjs'],
  ['bench/crash.ts', 'dist/bench/crash.cjs'],
  ['bench/console.ts', 'dist/bench/console.cjs'],
  ['lib/es-conformance/main.ts', 'dist/es-conformance/main.cjs'],
  ['lib/embedded-es/child-main.ts', 'dist/embedded-es/child-main.cjs'],
].filter(([src]) => fs.existsSync(path.join(root, src)));

await Promise.all(
  entries.map(([src, out]) =>
    build({
      entryPoints: [path.join(root, src)],
      outfile: path.join(root, out),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      packages: 'external',
      sourcemap: 'linked',
      tsconfig: path.join(root, 'tsconfig.json'),
      logLevel: 'warning',
    }),
  ),
);

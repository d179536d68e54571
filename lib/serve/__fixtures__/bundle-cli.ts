// The crash test runs the real `signet` CLI built from the current sources, bundled into a
// temporary directory (like scripts/build-cli.mjs, without racing other builds of dist/).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { CliEntry } from './crash-harness';

const ROOT = path.resolve(__dirname, '..', '..', '..');

export async function bundleCli(): Promise<CliEntry & { dispose(): void }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'signet-crash-cli-'));
  // The same layout as dist/: `signet serve` forks ../embedded-es/child-main.cjs from cli/.
  const bundles = [
    ['lib/cli/main.ts', 'cli/main.cjs'],
    ['lib/embedded-es/child-main.ts', 'embedded-es/child-main.cjs'],
  ];
  await Promise.all(
    bundles.map(([src, out]) =>
      build({
        entryPoints: [path.join(ROOT, src as string)],
        outfile: path.join(dir, out as string),
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        packages: 'external',
        tsconfig: path.join(ROOT, 'tsconfig.json'),
        logLevel: 'error',
      }),
    ),
  );
  const entry = path.join(dir, 'signet.cjs');
  writeFileSync(entry, "require('./cli/main.cjs').run(process.argv).then((c) => { process.exitCode = c; });\n");
  // Outside the repository, the bundle's dependencies resolve through NODE_PATH.
  return { entry, env: { NODE_PATH: path.join(ROOT, 'node_modules') }, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

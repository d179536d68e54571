/**
 * Test support: the real `signet` CLI, bundled into a temporary directory (so tests do not race
 * other builds of dist/), run as a child process: `signet embedded-es --port 0 --data-dir D`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface CliBundle {
  entry: string;
  dispose(): void;
}

/** Bundles lib/cli/main.ts like scripts/build-cli.mjs does. */
export async function bundleCli(): Promise<CliBundle> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'signet-cli-bundle-'));
  await build({
    entryPoints: [path.join(ROOT, 'lib', 'cli', 'main.ts')],
    outfile: path.join(dir, 'main.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    logLevel: 'error',
  });
  const entry = path.join(dir, 'signet.cjs');
  writeFileSync(entry, "require('./main.cjs').run(process.argv).then((c) => { process.exitCode = c; });\n");
  return { entry, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CliStore {
  child: ChildProcess;
  url: string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `signet embedded-es` and resolves once it printed its URL. */
export async function startCliStore(bundle: CliBundle, dataDir: string, extra: string[] = []): Promise<CliStore> {
  // The bundle lives outside the repository: dependencies resolve through NODE_PATH.
  const child = spawn(process.execPath, [bundle.entry, 'embedded-es', '--port', '0', '--data-dir', dataDir, ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    void exited.then(({ code }) => reject(new Error(`embedded-es exited (${code}) before listening: ${err}`)));
  });
  return { child, url, stderr: () => err, exited };
}

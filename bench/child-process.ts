// Helper processes of the benchmarks (a store, a floor, a sink): started with node, ready once
// they print their URL on stdout, stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';

export interface BenchChild {
  readonly child: ChildProcess;
  /** The first http:// URL the child printed on stdout. */
  readonly url: string;
}

/** `node <args>`; resolves with the first http:// URL it prints (rejects if it exits first). */
export async function startChild(args: string[]): Promise<BenchChild> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      if (process.env.BENCH_NODE_FLAGS) process.stderr.write(d);
      out += d.toString();
      const m = /(http:\/\/[^\s)]+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`child exited with ${code}: ${out}`)));
  });
  return { child, url };
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await done;
}

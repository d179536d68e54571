// The Signet processes of the ingest benchmark (bench/ingest.ts): their configuration, start and
// stop, and what /proc says about their CPU time and memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDirLines } from './bench-config';
import { startChild, stopChild, type BenchChild } from './child-process';

/**
 * `next`: ingest through the console's Next.js route; `direct`: served by the server itself;
 * `bare` (optional): `signet serve --no-console`, Next.js not even loaded; `fast`: the same,
 * writing to the bulk sink instead of its embedded store.
 */
export type Mode = 'next' | 'direct' | 'bare' | 'fast';

/** Settings every benchmarked Signet gets (null: the built-in default). */
export interface SignetSettings {
  /** `[embedded_elasticsearch] process`. */
  readonly embeddedProcess: string | null;
  /** `key_save_interval_ms`. */
  readonly keySaveIntervalMs: string | null;
}

export interface Signet {
  readonly mode: Mode;
  readonly child: ChildProcess;
  readonly url: string;
  /** Where the baseline's `_bulk` goes: Signet's embedded store, or the sink (`fast`). */
  readonly esUrl: string;
  /** `fast`: the sink and the embedded store behind it (their CPU counts as the store's). */
  readonly storeChildren: BenchChild[];
}

function writeConfig(dir: string, mode: Mode, esUrl: string | null, settings: SignetSettings): string {
  const cfg = path.join(dir, 'config');
  mkdirSync(cfg, { recursive: true });
  const d = (name: string) => JSON.stringify(path.join(dir, 'data', name));
  writeFileSync(
    path.join(cfg, 'elastic_blockchain_proxy.toml'),
    [
      ...dataDirLines(dir),
      ...(settings.keySaveIntervalMs === null ? [] : [`key_save_interval_ms = ${settings.keySaveIntervalMs}`]),
      '[web_server]',
      'address = "127.0.0.1:0"',
      `ingest_direct = ${mode !== 'next'}`,
      ...(esUrl === null ? [] : ['[elasticsearch]', `url = ${JSON.stringify(esUrl)}`]),
      '[embedded_elasticsearch]',
      `data_dir = ${d('elasticsearch')}`,
      'port = 0',
      ...(settings.embeddedProcess === null ? [] : [`process = ${JSON.stringify(settings.embeddedProcess)}`]),
      '',
    ].join('\n'),
  );
  return cfg;
}

/** `fast`'s store: the bulk sink, and the embedded store it sends every other request to. */
async function startFastStore(root: string, dir: string): Promise<BenchChild[]> {
  mkdirSync(dir, { recursive: true });
  const upstream = await startChild([path.join(root, 'bin', 'signet.cjs'), 'embedded-es', '--port', '0', '--data-dir', path.join(dir, 'upstream')]);
  try {
    const sink = await startChild([path.join(root, 'dist', 'bench', 'bulk-sink.cjs'), '--upstream', upstream.url, '--file', path.join(dir, 'sink.ndjson')]);
    return [sink, upstream];
  } catch (err) {
    await stopChild(upstream.child);
    throw err;
  }
}

export async function startSignetProcess(root: string, dir: string, mode: Mode, settings: SignetSettings): Promise<Signet> {
  const storeChildren = mode === 'fast' ? await startFastStore(root, path.join(dir, 'fast-store')) : [];
  const sinkUrl = storeChildren[0]?.url ?? null;
  const cfg = writeConfig(dir, mode, sinkUrl, settings);
  // The node flags `npm start` (scripts/start.sh) runs Signet with, then the profiling ones.
  const flags = ['--max-semi-space-size=64'];
  if (process.env.BENCH_CPU_PROF) flags.push('--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, `--cpu-prof-name=signet-${mode}.cpuprofile`);
  if (process.env.BENCH_NODE_FLAGS) flags.push(...process.env.BENCH_NODE_FLAGS.split(' '));
  // No SIGNET_* variable of the caller's environment may change the benchmarked configuration.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toUpperCase().startsWith('SIGNET_'))) as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, [...flags, path.join(root, 'bin', 'signet.cjs'), '--config-dir', cfg, 'serve', ...(mode === 'bare' || mode === 'fast' ? ['--no-console'] : [])], { stdio: ['ignore', 'pipe', 'pipe'], env, cwd: dir });
  let out = '';
  let err = '';
  const urls = await new Promise<{ url: string; esUrl: string }>((resolve, reject) => {
    child.once('error', reject);
    const check = () => {
      const m = /listening on (https?:\/\/\S+)/.exec(out);
      const esUrl = sinkUrl ?? /embedded Elasticsearch-compatible store: (http:\/\/\S+)/.exec(err)?.[1];
      if (m && esUrl !== undefined) resolve({ url: m[1] as string, esUrl });
    };
    child.stdout?.on('data', (d: Buffer) => ((out += d.toString()), check()));
    child.stderr?.on('data', (d: Buffer) => ((err += d.toString()), check()));
    child.once('exit', (code) => reject(new Error(`signet (${mode}) exited with ${code}: ${out}${err}`)));
  }).catch(async (e: unknown) => {
    for (const c of storeChildren) await stopChild(c.child);
    throw e;
  });
  // From here on, relay only problems (the service logs failed requests to stderr), and with
  // BENCH_NODE_FLAGS what node prints (e.g. --trace-gc).
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[signet ${mode}] ${d.toString()}`));
  if (process.env.BENCH_NODE_FLAGS) child.stdout?.on('data', (d: Buffer) => process.stderr.write(d));
  return { mode, child, ...urls, storeChildren };
}

export async function stopSignet(s: Signet): Promise<void> {
  await stopChild(s.child);
  for (const c of s.storeChildren) await stopChild(c.child);
}

/** The process and its live children (the embedded store's process), from /proc. */
function withChildren(pid: number): number[] {
  try {
    return [pid, ...readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)];
  } catch {
    return [pid];
  }
}

/** CPU seconds (user + system) one process has used so far (ticks of 10 ms). */
function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * CPU seconds used so far by the Signet process alone, by its children (the embedded store's
 * process), and by this benchmark's own process (the clients).
 */
export function cpuSplit(s: Signet): CpuSplit {
  const [main, ...children] = withChildren(s.child.pid as number);
  const store = [...children, ...s.storeChildren.map((c) => c.child.pid as number)];
  const client = process.cpuUsage();
  return { signet: processCpuSeconds(main as number), store: store.reduce((t, p) => t + processCpuSeconds(p), 0), client: (client.user + client.system) / 1e6 };
}

export interface CpuSplit {
  signet: number;
  store: number;
  client: number;
}

export function peakRssMb(pid: number): number {
  try {
    let kb = 0;
    for (const p of withChildren(pid)) kb += Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? NaN);
    return Math.round(kb / 1024);
  } catch {
    return NaN;
  }
}

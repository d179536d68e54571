// Crash-safety harness (issue 4, SPEC §6), shared by the test suite (20+ kills) and bench/crash
// (200). Starts `signet serve --no-console` (with its embedded store, in its child process) on a
// temp configuration, drives it with a Logstash-like client that re-sends every batch it got no
// 200 for, SIGKILLs the process at random moments, then checks the stored chains with lib/chain.
// Every batch mixes two chains (as a Logstash pipeline may): when one chain commits and the other
// does not, the request fails as a whole and its re-send signs the committed logs again.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startShipper } from './logstash-like-client';
import { readDlqLogs, readStoredLogs, verifyStoredChain } from './read-crash-chain';

// The repository root: this file runs from lib/serve/__fixtures__ (vitest) or bundled into
// dist/bench (bench:crash), so look for bin/signet.cjs upwards.
const ROOT = findRoot(__dirname);
const CUSTOMER = 'crash';
const TAGS = ['0', '1'];
const chainNameOf = (tag: string) => `elproxysigned-${CUSTOMER}-6_months-${tag}`;
/** Log `seq` goes to chain TAGS[seq % 2]. */
const metaOf = (seq: number) => ({ agent: { type: 'filebeat', version: '8.13.4' }, customer: CUSTOMER, retention: '6_months', blockchain_tag: TAGS[seq % TAGS.length] });

export interface CrashRunOptions {
  kills: number;
  batchSize?: number;
  /** Random delay before each kill, in ms after the service listens. */
  killAfterMs?: [number, number];
  /** Share of kills made within 100 ms of start-up, while the chain is being recovered. */
  earlyKillRatio?: number;
  /** Concurrent client "pipeline workers" (Logstash sends several batches at once). */
  workers?: number;
  /** The CLI entry to run (default: bin/signet.cjs, which runs dist/cli/main.cjs). */
  cli?: CliEntry;
  log?: (line: string) => void;
}

export interface CliEntry {
  entry: string;
  /** Extra environment, e.g. NODE_PATH for a bundle outside the repository. */
  env?: Record<string, string>;
}

export interface CrashRunResult {
  kills: number;
  batchesSent: number;
  batchesAcked: number;
  resends: number;
  /** Batches that needed at least one re-send. */
  batchesResent: number;
  /** Why batches were re-sent: answers other than 200 by status and code. */
  refusals: Record<string, number>;
  logsAcked: number;
  chains: number;
  /** Documents of the chains in Elasticsearch. */
  storedDocs: number;
  /** Documents of the chains in the dead letter queue (durable too; expected 0 here). */
  dlqDocs: number;
  /** Iterations verified, all chains together (each chain from 0 to its key file's head). */
  iterations: number;
  /** lib/chain's findings, prefixed with the chain's name. */
  verifyErrors: string[];
  missingAcked: number;
  /** Logs stored more than once — allowed only for batches the client re-sent. */
  duplicatedLogs: number;
  duplicatedWithoutResend: number;
  seconds: number;
}

export function writeTestConfig(dir: string, extra = ''): string {
  const conf = path.join(dir, 'config');
  fs.mkdirSync(conf, { recursive: true });
  const d = (n: string) => JSON.stringify(path.join(dir, 'data', n));
  fs.writeFileSync(
    path.join(conf, 'elastic_blockchain_proxy.toml'),
    `data_dir = ${d('keys')}\ndata_backup_dir = ${d('keys_backup')}\ndlq_dir = ${d('dlq')}\ndlq_recovered_dir = ${d('dlq_recovered')}\n` +
      `blockchain_state_history_dir = ${d('state_history')}\nverification_reports_dir = ${d('reports')}\noutbox_dir = ${d('outbox')}\n` +
      `failure_max_retries = 2\nfailure_sleep_ms_between_retries = 50\n` +
      `[web_server]\naddress = "127.0.0.1:0"\n[embedded_elasticsearch]\ndata_dir = ${d('elasticsearch')}\nport = 0\n${extra}`,
  );
  fs.writeFileSync(path.join(conf, 'elastic_blockchain_proxy_fields.toml'), 'include_fields = ["@timestamp", "message", "seq"]\n');
  return conf;
}

export interface RunningServe {
  child: ChildProcess;
  url: string;
  esUrl: string;
  stderr: () => string;
}

/** Starts `signet serve --no-console`; resolves with the process and its URLs once it listens. */
export function startServe(configDir: string, cli: CliEntry = { entry: path.join(ROOT, 'bin', 'signet.cjs') }): Promise<RunningServe> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli.entry, '--config-dir', configDir, 'serve', '--no-console'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...cli.env },
    });
    let out = '';
    let err = '';
    let esUrl = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`signet serve did not start in 60 s:\n${err}`));
    }, 60_000);
    child.stderr!.on('data', (b: Buffer) => {
      err += b.toString();
      esUrl ||= /embedded Elasticsearch-compatible store: (http:\/\/\S+)/.exec(err)?.[1] ?? '';
    });
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] as string, esUrl, stderr: () => err });
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`signet serve exited (${code ?? signal}) before listening:\n${err}`));
    });
  });
}

async function killHard(server: RunningServe): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGKILL');
  await exited;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runCrashScenario(o: CrashRunOptions): Promise<CrashRunResult> {
  const t0 = Date.now();
  const log = o.log ?? (() => undefined);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-crash-'));
  const configDir = writeTestConfig(dir);
  const [minKill, maxKill] = o.killAfterMs ?? [150, 700];
  const earlyKillRatio = o.earlyKillRatio ?? 0.2;

  let server: RunningServe;
  try {
    server = await startServe(configDir, o.cli);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const shipper = startShipper({ url: () => server.url, workers: o.workers ?? 3, batchSize: o.batchSize ?? 25, meta: metaOf, batchDeadlineMs: 120_000 });
  try {
    let stalled = false;
    for (let k = 0; k < o.kills; k++) {
      const ackedAtStart = shipper.ledger.batchesAcked;
      await sleep(Math.random() < earlyKillRatio ? Math.random() * 100 : minKill + Math.random() * (maxKill - minKill));
      // On a loaded machine a start-up plus the first commit can outlast the kill delay, and
      // killing every run before it acknowledges anything would starve the client forever. So
      // after a run that acknowledged nothing, the next kill waits for this run's first
      // acknowledgement (then comes at a random moment of the following commits).
      if (stalled && shipper.ledger.batchesAcked === ackedAtStart) {
        while (shipper.ledger.batchesAcked === ackedAtStart && shipper.failure() === null) await sleep(10);
        await sleep(Math.random() * 200);
      }
      stalled = shipper.ledger.batchesAcked === ackedAtStart;
      const failure = shipper.failure();
      if (failure !== null) throw withStderr(failure, server);
      await killHard(server);
      log(`kill ${k + 1}/${o.kills}: ${shipper.ledger.batchesAcked} batches acknowledged, ${shipper.ledger.resends} re-sends`);
      server = await startServe(configDir, o.cli);
    }
    // Let the client finish the batches in flight (each is re-sent until it gets its 200).
    await sleep(500);
    await shipper.drain();
    const failure = shipper.failure();
    if (failure !== null) throw withStderr(failure, server);

    const chains = [];
    for (const tag of TAGS) {
      const name = chainNameOf(tag);
      chains.push({ name, stored: await readStoredLogs(server.esUrl, `*-*-${name}`), dlq: readDlqLogs(path.join(dir, 'data', 'dlq'), CUSTOMER, name) });
    }
    // A clean stop, so that the key files hold the final heads: every iteration below must be stored.
    const exited = new Promise((r) => server.child.once('exit', r));
    server.child.kill('SIGTERM');
    await exited;

    const keyFile = (folder: string, name: string) => JSON.parse(fs.readFileSync(path.join(dir, 'data', folder, CUSTOMER, `${name}_key.json`), 'utf8')) as { key: string; iteration: number };
    let iterations = 0;
    const verifyErrors: string[] = [];
    for (const c of chains) {
      const verdict = verifyStoredChain([...c.stored, ...c.dlq], keyFile('keys_backup', c.name).key, keyFile('keys', c.name).iteration - 1, `acknowledge-${c.name}`);
      iterations += verdict.iterations;
      verifyErrors.push(...verdict.verifyErrors.map((e) => `${c.name}: ${e}`));
    }
    const all = chains.flatMap((c) => [...c.stored, ...c.dlq]);
    const counts = new Map<number, number>();
    for (const d of all) counts.set(d.seq, (counts.get(d.seq) ?? 0) + 1);
    const duplicated = [...counts].filter(([, n]) => n > 1).map(([s]) => s);
    const { ledger } = shipper;
    return {
      kills: o.kills,
      batchesSent: ledger.batchesSent,
      batchesAcked: ledger.batchesAcked,
      resends: ledger.resends,
      batchesResent: ledger.batchesResent,
      refusals: ledger.refusals,
      logsAcked: ledger.ackedSeqs.size,
      chains: chains.length,
      storedDocs: chains.reduce((n, c) => n + c.stored.length, 0),
      dlqDocs: chains.reduce((n, c) => n + c.dlq.length, 0),
      iterations,
      verifyErrors,
      missingAcked: [...ledger.ackedSeqs].filter((s) => !counts.has(s)).length,
      duplicatedLogs: duplicated.length,
      duplicatedWithoutResend: duplicated.filter((s) => !ledger.resentSeqs.has(s)).length,
      seconds: Math.round((Date.now() - t0) / 100) / 10,
    };
  } finally {
    await shipper.drain().catch(() => undefined);
    await killHard(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function withStderr(err: Error, server: RunningServe): Error {
  return new Error(`${err.message}\n--- signet stderr (last start) ---\n${server.stderr().slice(-4000)}`);
}

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'bin', 'signet.cjs'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no bin/signet.cjs above ${from}`);
  }
}

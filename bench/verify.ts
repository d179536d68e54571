/**
 * Benchmark of `signet verify` (`npm run bench:verify`).
 *
 * Signs a chain of BENCH_DOCS (default 1,000,000) ~1 KB logs with lib/chain and bulk-loads it into
 * the embedded store (run as a child process, `signet embedded-es`, so the store and the verifier
 * do not share an event loop), then measures:
 * - a full verification (lib/verify `verifyChain`, batches of 500) with 1 and with 2 worker threads;
 * - where the time goes: the same pages only read (PIT + search_after, no checks), and only checked
 *   (pages already in memory, same worker pool, same sequential key derivation) — the CPU side;
 * - the floor for the CPU side: `verify-cpu-bench`'s synthetic verification (runCpuBench);
 * - an incremental verification after 1,000 new logs (goal: ≤ 1% of the full run's time).
 * Progress goes to stderr; the last stdout line is one JSON object.
 */
import { startChild, stopChild, type BenchChild } from './child-process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import {
  chainName, compileFieldSelector, createSequenceVerifier, deriveKey, keyFromHex, signBatch, signedDocumentText, wipeKey, type ChainHead, type ChainIdentity,
} from '../lib/chain';
import { ensureTemplates } from '../lib/store';
import { verifyChain } from '../lib/verify';
import { createCheckPool } from '../lib/verify/check-pool';
import { readChainPages } from '../lib/verify/read-chain-pages';
import { runCpuBench, syntheticLog } from '../lib/verify-workers';

const DOCS = Number(process.env.BENCH_DOCS ?? 1_000_000);
const NEW_DOCS = 1000;
const BATCH = 500;
const SIGN_CHUNK = 2000;
const CHAIN: ChainIdentity = { module: 'elproxysigned', customer: 'bench', retention: 'infinite', tag: '0' };
const STREAM = `filebeat-8.13.4-${chainName(CHAIN)}`;
const KEY0 = 'b7'.repeat(32);
const SELECTOR = compileFieldSelector(['@timestamp', 'message', 'host', 'event', 'user', 'source', 'process', 'log']);

const log = (msg: string): void => void process.stderr.write(`[bench:verify] ${msg}\n`);
const secs = (t0: number): number => (performance.now() - t0) / 1000;
const r2 = (x: number): number => Math.round(x * 100) / 100;

/** The embedded store as its own process (`signet embedded-es`), with room for 1M documents. */
function startStore(root: string, dir: string): Promise<BenchChild> {
  return startChild(['--max-old-space-size=12000', path.join(root, 'bin', 'signet.cjs'), 'embedded-es', '--port', '0', '--data-dir', dir]);
}

function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

/** Signs `count` logs from `head` and bulk-loads them (2 requests in flight). */
async function load(client: Client, head: ChainHead, count: number): Promise<ChainHead> {
  const t0 = Date.UTC(2026, 0, 1);
  let inflight: Promise<unknown>[] = [];
  for (let done = 0; done < count; ) {
    const n = Math.min(SIGN_CHUNK, count - done);
    const logs = Array.from({ length: n }, (_, i) => syntheticLog(head.iteration + i, 1024));
    const { signed, head: next } = signBatch(head, logs, { selector: SELECTOR, timestampMs: t0 + head.iteration * 10 });
    if (head.iteration > 0) wipeKey(head.key);
    head = next;
    let body = '';
    signed.forEach((s, i) => {
      body += `{"create":{"_index":"${STREAM}","_id":"${chainName(CHAIN)}-${s.blockchain.iteration}"}}\n${signedDocumentText(JSON.stringify(logs[i]), s.blockchain, s.canonicalFields)}\n`;
    });
    inflight.push(
      client.transport.request<{ errors: boolean }>({ method: 'POST', path: '/_bulk', bulkBody: body }).then((r) => {
        if (r.errors) throw new Error('bulk load reported errors');
      }),
    );
    if (inflight.length >= 2) {
      await inflight[0];
      inflight = inflight.slice(1);
    }
    done += n;
    if (done % 100_000 < SIGN_CHUNK) log(`loaded ${done.toLocaleString('en-US')}`);
  }
  await Promise.all(inflight);
  await client.indices.refresh({ index: STREAM });
  return head;
}

async function fullVerify(client: Client, workerFile: string, workers: number, historyDir: string): Promise<{ seconds: number; logs_per_s: number; status: string }> {
  const t0 = performance.now();
  const r = await verifyChain({ client, chain: CHAIN, key0: keyFromHex(KEY0), retentionDays: null, stateHistoryDir: historyDir, workerFile, concurrentBatches: workers, batchSize: BATCH, indexingDelaySeconds: 0 });
  const s = secs(t0);
  if (r.status !== 'ok' || r.logs_checked !== DOCS) throw new Error(`full verification: ${r.status}, ${r.logs_checked} logs, ${r.errors.length} errors`);
  return { seconds: r2(s), logs_per_s: Math.round(DOCS / s), status: r.status };
}

/** Reading only: every page of the chain, no checks. Keeps the pages for the CPU-only pass. */
async function readOnly(client: Client): Promise<{ seconds: number; pages: { body: Buffer; lastIteration: number }[]; mb: number }> {
  const t0 = performance.now();
  const pages: { body: Buffer; lastIteration: number }[] = [];
  for await (const p of readChainPages(client, { pattern: `*-*-${chainName(CHAIN)}`, fromIteration: 0, batchSize: BATCH })) pages.push(p);
  const s = secs(t0);
  return { seconds: r2(s), pages, mb: r2(pages.reduce((n, p) => n + p.body.length, 0) / 1e6) };
}

/** Checking only: the pages from memory through the same pool, key derivation and sequence rules as verify. */
async function checkOnly(pages: { body: Buffer; lastIteration: number }[], workerFile: string, workers: number): Promise<{ seconds: number; logs_per_s: number }> {
  const pool = createCheckPool({ workers, workerFile });
  const t0 = performance.now();
  const seq = createSequenceVerifier({ iteration: 0, previousHash: null, acknowledgeBlockchainId: `acknowledge-${chainName(CHAIN)}` });
  let key = keyFromHex(KEY0);
  let at = 0;
  const inflight: Promise<Awaited<ReturnType<typeof pool.check>>>[] = [];
  try {
    for (const p of pages) {
      inflight.push(pool.check({ body: p.body, key: Uint8Array.from(key), keyIteration: at }));
      const next = deriveKey(key, p.lastIteration - at);
      wipeKey(key);
      key = next;
      at = p.lastIteration;
      while (inflight.length >= workers * 2) seq.push((await inflight.shift()!).checks);
    }
    while (inflight.length > 0) seq.push((await inflight.shift()!).checks);
  } finally {
    wipeKey(key);
    await pool.close();
  }
  const r = seq.finish();
  if (r.errors.length > 0 || r.checked !== DOCS) throw new Error(`check-only pass: ${r.errors.length} errors, ${r.checked} checked`);
  const s = secs(t0);
  return { seconds: r2(s), logs_per_s: Math.round(DOCS / s) };
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const workerFile = path.join(root, 'dist', 'cli', 'verify-check-worker.cjs');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'signet-bench-verify-'));
  let store: BenchChild | null = null;
  let figures: string | null = null;
  try {
    store = await startStore(root, path.join(dir, 'store'));
    const client = new Client({ node: store.url, maxRetries: 0, requestTimeout: 600_000 });
    await ensureTemplates(client, { module: CHAIN.module, retention: { default: 'infinite', policies: Object.assign(Object.create(null) as object, { infinite: { name: 'infinite', days: null } }) } });
    log(`signing and loading ${DOCS.toLocaleString('en-US')} logs into ${store.url}`);
    let t0 = performance.now();
    const head = await load(client, { key: keyFromHex(KEY0), iteration: 0, previousHash: null }, DOCS);
    const loadSeconds = secs(t0);
    log(`loaded in ${loadSeconds.toFixed(1)} s (${Math.round(DOCS / loadSeconds)} logs/s)`);

    log('full verification, 1 worker');
    const full1 = await fullVerify(client, workerFile, 1, path.join(dir, 'bsh1'));
    log(`  ${full1.seconds} s, ${full1.logs_per_s} logs/s`);
    log('full verification, 2 workers');
    const full2 = await fullVerify(client, workerFile, 2, path.join(dir, 'bsh2'));
    log(`  ${full2.seconds} s, ${full2.logs_per_s} logs/s`);

    log('reading only');
    const read = await readOnly(client);
    log(`  ${read.seconds} s (${read.mb} MB of responses)`);
    log('checking only (pages in memory), 1 and 2 workers');
    const cpu1 = await checkOnly(read.pages, workerFile, 1);
    const cpu2 = await checkOnly(read.pages, workerFile, 2);
    read.pages.length = 0;
    log(`  ${cpu1.logs_per_s} / ${cpu2.logs_per_s} logs/s`);
    log('floor: verify-cpu-bench (synthetic, 200k logs, 2 workers)');
    const floor = await runCpuBench({ nLogs: 200_000, batchSize: 1000, logSizeKb: 1, concurrentBatches: 2, workerDir: path.dirname(workerFile) });
    log(`  ${floor.logs_per_s} logs/s`);

    log(`incremental verification after ${NEW_DOCS} new logs`);
    await load(client, head, NEW_DOCS);
    t0 = performance.now();
    const inc = await verifyChain({ client, chain: CHAIN, key0: keyFromHex(KEY0), retentionDays: null, stateHistoryDir: path.join(dir, 'bsh2'), workerFile, concurrentBatches: 2, batchSize: BATCH, indexingDelaySeconds: 0, incremental: true });
    const incSeconds = secs(t0);
    if (inc.mode !== 'incremental' || inc.logs_checked !== NEW_DOCS || inc.status !== 'ok') throw new Error(`incremental run: ${inc.mode}, ${inc.logs_checked} logs, ${inc.status}`);
    log(`  ${incSeconds.toFixed(3)} s`);
    const rss = peakRssMb(store.child.pid as number);
    await client.close();

    const ratio = incSeconds / full2.seconds;
    const result = {
      docs: DOCS,
      log_size_bytes: 1024,
      batch_size: BATCH,
      load_seconds: r2(loadSeconds),
      full_1_worker: full1,
      full_2_workers: full2,
      read_only: { seconds: read.seconds, logs_per_s: Math.round(DOCS / read.seconds), response_mb: read.mb },
      check_only_1_worker: cpu1,
      check_only_2_workers: cpu2,
      share_of_full_run_reading: r2(read.seconds / full2.seconds),
      share_of_full_run_checking: r2(cpu2.seconds / full2.seconds),
      cpu_floor_logs_per_s: floor.logs_per_s,
      check_vs_floor: r2(cpu2.logs_per_s / floor.logs_per_s),
      incremental: { new_logs: NEW_DOCS, seconds: Number(incSeconds.toFixed(3)), ratio_to_full: Number(ratio.toFixed(4)), goal_met: ratio <= 0.01 },
      store_peak_rss_mb: rss,
      cpus: os.cpus().length,
    };
    figures = JSON.stringify(result);
  } finally {
    if (store) await stopChild(store.child);
    rmSync(dir, { recursive: true, force: true });
  }
  // After the child processes stopped: what they print on shutdown must not follow the figures' line.
  process.stdout.write(`${figures}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`[bench:verify] failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});

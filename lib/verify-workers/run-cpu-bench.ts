import { randomBytes, hash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { keyFromHex, keyToHex, nextKey, wipeKey } from '../chain';
import type { BenchBatchSpec, FromWorker, ToWorker } from './protocol';

export interface CpuBenchOptions {
  nLogs: number;
  batchSize: number;
  logSizeKb: number;
  concurrentBatches: number;
  /** Directory holding verify-worker.cjs (the bundled worker). */
  workerDir: string;
  onProgress?: (p: { phase: 'generate' | 'verify'; done: number; total: number }) => void;
}

export interface CpuBenchResult {
  n_logs: number;
  log_size_kb: number;
  batch_size: number;
  concurrent_batches: number;
  generate_seconds: number;
  verify_seconds: number;
  logs_per_s: number;
  mb_per_s: number;
  logs_per_s_per_thread: number;
  errors: number;
  cpu_model: string;
  cpus: number;
}

/**
 * `verify-cpu-bench`: how fast this machine verifies signed logs with N worker threads.
 * Untimed: workers sign their batches of synthetic logs and keep them as stored bytes.
 * Timed: workers verify every batch (decode, lossless parse, MAC checks, sequence rules) while
 * this thread derives the whole key chain sequentially, as real verification must.
 * A run that finds any error is a failed run (the bench doubles as a correctness check).
 */
export async function runCpuBench(o: CpuBenchOptions): Promise<CpuBenchResult> {
  const t0 = process.hrtime.bigint();
  const key0 = randomBytes(32).toString('hex');
  const batches = planBatches(key0, o.nLogs, o.batchSize);
  const perWorker: BenchBatchSpec[][] = Array.from({ length: o.concurrentBatches }, () => []);
  batches.forEach((b, i) => perWorker[i % o.concurrentBatches]?.push(b));
  const workers = perWorker.filter((b) => b.length > 0).map(() => new Worker(path.join(o.workerDir, 'verify-worker.cjs')));
  try {
    let generated = 0;
    await Promise.all(
      workers.map((w, i) =>
        exchange(w, { type: 'generate', batches: perWorker[i] as BenchBatchSpec[], logSizeBytes: Math.round(o.logSizeKb * 1024), acknowledgeBlockchainId: 'acknowledge-elproxysigned-bench-6_months-0' }, (m) => {
          if (m.type === 'generated') o.onProgress?.({ phase: 'generate', done: (generated += m.logs), total: o.nLogs });
        }),
      ),
    );
    const t1 = process.hrtime.bigint();
    let verified = 0;
    const results = Promise.all(
      workers.map((w) =>
        exchange(w, { type: 'verify' }, (m) => {
          if (m.type === 'progress') o.onProgress?.({ phase: 'verify', done: (verified += m.logs), total: o.nLogs });
        }),
      ),
    );
    await deriveChain(key0, o.nLogs);
    const done = await results;
    const t2 = process.hrtime.bigint();
    const seconds = Number(t2 - t1) / 1e9;
    const bytes = done.reduce((n, m) => n + (m.type === 'verified' ? m.bytes : 0), 0);
    const errors = done.reduce((n, m) => n + (m.type === 'verified' ? m.errors + m.malformed : 0), 0);
    const logsPerS = o.nLogs / seconds;
    return {
      n_logs: o.nLogs,
      log_size_kb: o.logSizeKb,
      batch_size: o.batchSize,
      concurrent_batches: o.concurrentBatches,
      generate_seconds: round(Number(t1 - t0) / 1e9),
      verify_seconds: round(seconds),
      logs_per_s: Math.round(logsPerS),
      mb_per_s: round(bytes / 1e6 / seconds),
      logs_per_s_per_thread: Math.round(logsPerS / workers.length),
      errors,
      cpu_model: os.cpus()[0]?.model.trim() ?? 'unknown',
      cpus: os.cpus().length,
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Batch k covers iterations [k·B, (k+1)·B); its start key is stepped to here, its link hash is synthetic. */
function planBatches(key0: string, n: number, size: number): BenchBatchSpec[] {
  const out: BenchBatchSpec[] = [];
  let key = keyFromHex(key0);
  for (let start = 0, index = 0; start < n; start += size, index++) {
    const count = Math.min(size, n - start);
    out.push({ index, startIteration: start, startKey: keyToHex(key), previousHash: start === 0 ? null : hash('sha256', `bench-link-${index}`, 'hex'), count });
    for (let i = 0; i < count; i++) {
      const next = nextKey(key);
      wipeKey(key);
      key = next;
    }
  }
  wipeKey(key);
  return out;
}

/** The sequential part of verification: key[0] → key[n], yielding so worker messages are handled. */
async function deriveChain(key0: string, n: number): Promise<void> {
  let key = keyFromHex(key0);
  for (let i = 0; i < n; i++) {
    const next = nextKey(key);
    wipeKey(key);
    key = next;
    if (i % 20_000 === 0) await new Promise((r) => setImmediate(r));
  }
  wipeKey(key);
}

function exchange(w: Worker, msg: ToWorker, onMessage: (m: FromWorker) => void): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    const handler = (m: FromWorker): void => {
      onMessage(m);
      if (m.type === 'failed') finish(() => reject(new Error(`worker failed: ${m.message}`)));
      else if (m.type === 'generated' || m.type === 'verified') finish(() => resolve(m));
    };
    const onError = (err: Error): void => finish(() => reject(err));
    const finish = (f: () => void): void => {
      w.off('message', handler);
      w.off('error', onError);
      f();
    };
    w.on('message', handler);
    w.on('error', onError);
    w.postMessage(msg);
  });
}

const round = (x: number): number => Math.round(x * 100) / 100;

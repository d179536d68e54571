/**
 * Benchmark of the ingest path (`npm run bench:ingest`): 1 KB logs in batches of 125 POSTed to
 * `/api/log_batch` of a running `signet serve` (with its embedded store), against the baseline
 * measured in the same run: direct `_bulk` of the same signed documents (same size, same `create`
 * actions with ids, same `filter_path`) into the same embedded store.
 *
 * Two Signet processes run side by side, identical but for the ingest route: `next` serves
 * `/api/log_batch` through the console's Next.js route handler (`web_server.ingest_direct =
 * false`), `direct` from the server itself (`= true`). Scenarios: 1 chain and 8 chains, with
 * BENCH_CLIENTS concurrent clients (Logstash pipeline workers; with 8 chains client k writes chain
 * k mod 8). Each round runs four legs in a rotating order — next ingest, direct ingest, and the
 * `_bulk` baseline into each process's store — so machine noise hits them alike; figures are
 * medians over the rounds, ratios are medians of the per-round ratios. Latency is per batch
 * (request sent → answer read); "added" is Signet's percentile minus the baseline's. Each leg also
 * records the CPU time the Signet process used per log (/proc; user + system, its embedded-store
 * child process included), which other load on the machine disturbs far less than wall time, and
 * its split: Signet's own process, the store's process and this process (the clients). Their sum
 * gives the rate at which every core would be busy with the work (`cpu_ceiling_logs_per_s`): no
 * scheduling gets beyond it on the machine, and `ratio_ceiling` is the ratio it would give. Peak
 * RSS is the sum of the VmHWM of the Signet process and its child. Progress goes to stderr; the
 * last stdout line is one JSON object.
 *
 * A third Signet (`fast`: `serve --no-console`, ingest served directly) writes to a "fast store"
 * instead (bench/bulk-sink.ts: `_bulk` bodies appended and fdatasync'ed, every item answered
 * created; other requests go to an embedded store of its own): what Signet's write path sustains
 * per chain when the store keeps up, as a cluster on other machines would. Its baseline legs are
 * `_bulk` straight into that sink. The goals are judged on the same-store figures; the fast-store
 * figures are reported beside them (`goals.fast_store`).
 *
 * Environment: BENCH_ROUNDS (8), BENCH_BATCHES (batches per leg, 80), BENCH_CLIENTS (8),
 * BENCH_CHAINS ("1,8"), BENCH_MODES ("next,direct,fast"; also "bare": `serve --no-console` with its embedded store); for profiling: BENCH_CPU_PROF=<dir> (CPU
 * profiles of the Signet processes), BENCH_NODE_FLAGS (extra node flags for them),
 * BENCH_BASELINE=0 (Signet legs only; no ratios), BENCH_EMBEDDED_PROCESS ("child" or "inline":
 * `[embedded_elasticsearch] process`; unset = the built-in default), BENCH_KEY_SAVE_INTERVAL_MS
 * (`key_save_interval_ms`; unset = the built-in default).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { postBody } from './http-post';
import { cpuSplit, peakRssMb, startSignetProcess, stopSignet, type CpuSplit, type Mode, type Signet, type SignetSettings } from './ingest-signets';
import { BATCH, LOG_BYTES, POOL, baselineBody, makeWork, type ChainWork } from './ingest-work';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const BATCHES_PER_LEG = Number(process.env.BENCH_BATCHES ?? 80);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const CHAIN_COUNTS = (process.env.BENCH_CHAINS ?? '1,8').split(',').map(Number);
const MODES = (process.env.BENCH_MODES ?? 'next,direct,fast').split(',') as Mode[];
for (const m of MODES) if (!['next', 'direct', 'bare', 'fast'].includes(m)) throw new Error(`BENCH_MODES: unknown mode ${JSON.stringify(m)} (next, direct, bare, fast)`);
/** `[embedded_elasticsearch] process` of the benchmarked Signets (null: the built-in default). */
const EMBEDDED_PROCESS = process.env.BENCH_EMBEDDED_PROCESS ?? null;
const KEY_SAVE_INTERVAL_MS = process.env.BENCH_KEY_SAVE_INTERVAL_MS ?? null;
if (KEY_SAVE_INTERVAL_MS !== null && !/^\d+$/.test(KEY_SAVE_INTERVAL_MS)) throw new Error('BENCH_KEY_SAVE_INTERVAL_MS must be a number of milliseconds');
const SETTINGS: SignetSettings = { embeddedProcess: EMBEDDED_PROCESS, keySaveIntervalMs: KEY_SAVE_INTERVAL_MS };
/** Profiling aid: BENCH_BASELINE=0 skips the baseline legs (the JSON then has no ratios). */
const WITH_BASELINE = process.env.BENCH_BASELINE !== '0';
const FILTER_PATH = 'items.*.status,items.*.error';
/** Goals of issue 4 §9. */
const GOAL_RATIO = 0.75;
const GOAL_PER_CHAIN = 20_000;
const ROUTE_COST_LIMIT = 0.1;

type Leg = { mode: Mode; kind: 'signet' | 'baseline' };

function log(msg: string): void {
  process.stderr.write(`[bench:ingest] ${msg}\n`);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};
const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

// ---------------------------------------------------------------------------------------------
// HTTP client: keep-alive, one socket per concurrent client.

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

const post = (url: string, pathAndQuery: string, body: Buffer, contentType: string) => postBody(agent, url, pathAndQuery, body, contentType);

// ---------------------------------------------------------------------------------------------
// One leg: BATCHES_PER_LEG batches sent by CLIENTS concurrent clients; returns logs/s and the
// per-batch latencies. Every answer is checked: a benchmark of failing requests measures nothing.

async function runLeg(s: Signet, kind: Leg['kind'], work: ChainWork[], batches: number): Promise<{ rate: number; cpuUsPerLog: number; split: CpuSplit; latencies: number[] }> {
  let next = 0;
  const latencies: number[] = [];
  const cpu0 = cpuSplit(s);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      const w = work[client % work.length] as ChainWork;
      while (next < batches) {
        const p = next++ % POOL;
        if (kind === 'signet') {
          const r = await post(s.url, '/api/log_batch', w.requests[p] as Buffer, 'application/json');
          if (r.status !== 200) throw new Error(`${s.mode} /api/log_batch answered ${r.status}: ${r.text.slice(0, 300)}`);
          const a = JSON.parse(r.text) as { indexed?: number };
          if (a.indexed !== BATCH) throw new Error(`${s.mode} /api/log_batch indexed ${a.indexed} of ${BATCH}: ${r.text.slice(0, 300)}`);
          latencies.push(r.ms);
        } else {
          const r = await post(s.esUrl, `/_bulk?filter_path=${encodeURIComponent(FILTER_PATH)}`, baselineBody(w, p), 'application/x-ndjson');
          if (r.status !== 200) throw new Error(`${s.mode} store _bulk answered ${r.status}: ${r.text.slice(0, 300)}`);
          const items = (JSON.parse(r.text) as { items?: Record<string, { status: number }>[] }).items ?? [];
          if (items.length !== BATCH || items.some((it) => Object.values(it)[0]?.status !== 201)) throw new Error(`${s.mode} store _bulk did not create every document: ${r.text.slice(0, 300)}`);
          latencies.push(r.ms);
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = cpuSplit(s);
  const perLog = (k: keyof CpuSplit) => ((cpu1[k] - cpu0[k]) * 1e6) / (batches * BATCH);
  const split = { signet: perLog('signet'), store: perLog('store'), client: perLog('client') };
  return { rate: (batches * BATCH) / seconds, cpuUsPerLog: split.signet + split.store, split, latencies };
}

interface LegStats {
  rates: number[];
  /** CPU time of the Signet process (embedded store included) per log, in µs. */
  cpu: number[];
  /** The same split: Signet's own process, the store's process, the benchmark's clients. */
  splits: CpuSplit[];
  latencies: number[];
}

/** Median per part of the per-leg CPU splits (µs per log). */
function medianSplit(splits: CpuSplit[]): CpuSplit {
  return { signet: r1(median(splits.map((x) => x.signet))), store: r1(median(splits.map((x) => x.store))), client: r1(median(splits.map((x) => x.client))) };
}

async function scenario(signets: Signet[], chains: number): Promise<Record<string, unknown>> {
  const work = makeWork(chains);
  const legs: Leg[] = signets.flatMap((s) => [{ mode: s.mode, kind: 'signet' as const }, ...(WITH_BASELINE ? [{ mode: s.mode, kind: 'baseline' as const }] : [])]);
  const stats = new Map<string, LegStats>(legs.map((l) => [`${l.mode}/${l.kind}`, { rates: [], cpu: [], splits: [], latencies: [] }]));
  const byMode = new Map(signets.map((s) => [s.mode, s]));
  // Warm-up (not counted): creates the chains and data streams, warms the JIT.
  for (const l of legs) await runLeg(byMode.get(l.mode) as Signet, l.kind, work, Math.max(CLIENTS, Math.ceil(BATCHES_PER_LEG / 4)));
  for (let r = 0; r < ROUNDS; r++) {
    const order = legs.map((_, i) => legs[(i + r) % legs.length] as Leg);
    const line: string[] = [];
    for (const l of order) {
      const res = await runLeg(byMode.get(l.mode) as Signet, l.kind, work, BATCHES_PER_LEG);
      const st = stats.get(`${l.mode}/${l.kind}`) as LegStats;
      st.rates.push(res.rate);
      st.cpu.push(res.cpuUsPerLog);
      st.splits.push(res.split);
      st.latencies.push(...res.latencies);
      line.push(`${l.mode} ${l.kind} ${Math.round(res.rate)}/s`);
    }
    log(`${chains} chain(s), round ${r + 1}/${ROUNDS}: ${line.join(', ')}`);
  }

  const out: Record<string, unknown> = { chains };
  for (const s of signets) {
    const sig = stats.get(`${s.mode}/signet`) as LegStats;
    const base = stats.get(`${s.mode}/baseline`) ?? { rates: [], cpu: [], splits: [], latencies: [] };
    const rate = median(sig.rates);
    const ratios = sig.rates.map((x, i) => x / (base.rates[i] as number));
    const ratio = median(ratios);
    const p50 = percentile(sig.latencies, 50);
    const p99 = percentile(sig.latencies, 99);
    const b50 = percentile(base.latencies, 50);
    const b99 = percentile(base.latencies, 99);
    // Where the CPU goes, and the rate at which every core of the machine would be busy with
    // this work (Signet + store + clients): no scheduling can go beyond it on this machine.
    const split = medianSplit(sig.splits);
    const ceiling = (os.cpus().length * 1e6) / (split.signet + split.store + split.client);
    out[s.mode] = {
      logs_per_s: Math.round(rate),
      baseline_logs_per_s: Math.round(median(base.rates)),
      ratio: r3(ratio),
      // How far the per-round ratios spread (this VM's phases move a leg's rate by ±30%).
      ratio_spread: ratios.length > 0 && base.rates.length > 0 ? { min: r3(Math.min(...ratios)), p25: r3(percentile(ratios, 25)), p75: r3(percentile(ratios, 75)), max: r3(Math.max(...ratios)) } : null,
      cpu_us_per_log: r1(median(sig.cpu)),
      baseline_cpu_us_per_log: r1(median(base.cpu)),
      cpu_ratio: r3(median(base.cpu.map((x, i) => x / (sig.cpu[i] as number)))),
      cpu_split_us_per_log: split,
      baseline_cpu_split_us_per_log: base.splits.length > 0 ? medianSplit(base.splits) : null,
      cpu_ceiling_logs_per_s: Math.round(ceiling),
      ratio_ceiling: base.rates.length > 0 ? r3(ceiling / median(base.rates)) : null,
      per_chain_logs_per_s: Math.round(rate / chains),
      batch_ms: { p50: r1(p50), p99: r1(p99) },
      baseline_batch_ms: { p50: r1(b50), p99: r1(b99) },
      added_ms: { p50: r1(p50 - b50), p99: r1(p99 - b99) },
    };
    log(
      `${chains} chain(s), ${s.mode}: ${Math.round(rate)} logs/s (${Math.round(rate / chains)} per chain), baseline ${Math.round(median(base.rates))} docs/s, ratio ${r3(ratio)}; CPU ${r1(median(sig.cpu))} µs/log (baseline ${r1(median(base.cpu))}; Signet ${split.signet} + store ${split.store} + clients ${split.client}: all ${os.cpus().length} cores busy at ${Math.round(ceiling)} logs/s); ` +
        `batch p50 ${r1(p50)} ms / p99 ${r1(p99)} ms (baseline ${r1(b50)} / ${r1(b99)})`,
    );
  }
  const n = stats.get('next/signet');
  const d = stats.get('direct/signet');
  if (n !== undefined && d !== undefined) {
    // Paired per round: the two legs of a round ran back to back.
    const cost = 1 - median(n.rates.map((x, i) => x / (d.rates[i] as number)));
    // The same cost in CPU time per log: far less sensitive to other load on the machine.
    const cpuCost = 1 - median(d.cpu.map((x, i) => x / (n.cpu[i] as number)));
    out.route_layer_cost = r3(cost);
    out.route_layer_cpu_cost = r3(cpuCost);
    log(`${chains} chain(s): the Next.js route layer costs ${(cost * 100).toFixed(1)}% of ingest throughput, ${(cpuCost * 100).toFixed(1)}% of its CPU time per log`);
  }
  return out;
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  if (MODES.some((m) => m === 'next' || m === 'direct') && !existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    throw new Error('the console is not built: run `npx next build` first (the bench measures the Next.js route handlers), or set BENCH_MODES=bare,fast');
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'signet-bench-ingest-'));
  const signets: Signet[] = [];
  let figures: string | null = null;
  try {
    for (const mode of MODES) {
      const s = await startSignetProcess(root, path.join(dir, mode), mode, SETTINGS);
      signets.push(s);
      const how = { next: 'Next.js route handlers', direct: 'served directly', bare: 'served directly, no console', fast: 'served directly, no console' }[mode];
      log(`signet (${mode}: ${how}) at ${s.url}, ${mode === 'fast' ? 'bulk sink (fast store)' : 'embedded store'} at ${s.esUrl}`);
    }
    log(`${BATCH} logs of ${LOG_BYTES} B per batch, ${CLIENTS} concurrent clients, ${BATCHES_PER_LEG} batches per leg, ${ROUNDS} rounds`);
    const results: Record<string, unknown>[] = [];
    for (const chains of CHAIN_COUNTS) results.push(await scenario(signets, chains));
    const rss = Object.fromEntries(signets.map((s) => [s.mode, peakRssMb(s.child.pid as number)]));
    log(`peak RSS (Signet process and its embedded-store child): ${Object.entries(rss).map(([m, v]) => `${m} ${v} MB`).join(', ')}`);

    type ModeResult = { ratio: number; per_chain_logs_per_s: number };
    const sameStore = MODES.filter((m) => m !== 'fast');
    const costs = results.map((r) => r.route_layer_cost).filter((c): c is number => typeof c === 'number');
    const routeCost = costs.length > 0 ? Math.max(...costs) : null;
    // The path the measurement recommends as the default (issue 4 §2: direct if Next costs > 10%).
    const recommended: Mode = routeCost !== null && routeCost > ROUTE_COST_LIMIT ? 'direct' : MODES.includes('next') ? 'next' : 'direct';
    // The goals are judged on the recommended path's figures, or on the first mode run without it
    // that writes to its own embedded store (the fast store only when nothing else ran).
    const basis: Mode = sameStore.includes(recommended) ? recommended : ((sameStore[0] ?? MODES[0]) as Mode);
    const on = (r: Record<string, unknown>) => r[basis] as ModeResult;
    const perChain = (m: Mode) => Object.fromEntries(results.map((r) => [String(r.chains), (r[m] as ModeResult).per_chain_logs_per_s]));
    const result = {
      batch_logs: BATCH,
      log_bytes: LOG_BYTES,
      clients: CLIENTS,
      rounds: ROUNDS,
      logs_per_leg: BATCHES_PER_LEG * BATCH,
      embedded_process: EMBEDDED_PROCESS ?? 'default',
      key_save_interval_ms: KEY_SAVE_INTERVAL_MS === null ? 'default' : Number(KEY_SAVE_INTERVAL_MS),
      scenarios: results,
      route_layer_cost_max: routeCost,
      recommended_ingest_direct: recommended === 'direct',
      peak_rss_mb: rss,
      goals: {
        ratio_min: GOAL_RATIO,
        per_chain_min: GOAL_PER_CHAIN,
        ratio_met: results.every((r) => on(r).ratio >= GOAL_RATIO),
        per_chain_met: results.every((r) => on(r).per_chain_logs_per_s >= GOAL_PER_CHAIN),
        basis,
        per_chain_logs_per_s: perChain(basis),
        // Signet's own per-chain rate when the store keeps up (see the file's comment).
        fast_store: MODES.includes('fast') && basis !== 'fast'
          ? { per_chain_logs_per_s: perChain('fast'), per_chain_met: results.every((r) => (r.fast as ModeResult).per_chain_logs_per_s >= GOAL_PER_CHAIN) }
          : null,
      },
    };
    figures = JSON.stringify(result);
  } finally {
    for (const s of signets) await stopSignet(s).catch(() => undefined);
    agent.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
  // After the services stopped: what they print on shutdown must not follow the figures' line.
  process.stdout.write(`${figures}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`[bench:ingest] failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});

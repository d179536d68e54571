/**
 * Benchmark of the embedded Elasticsearch-compatible store (`npm run bench:store`).
 *
 * Bulk-indexes 200k ~1 KB documents (batches of 500) into a data stream with the official
 * client, then reads them back in `iteration` order with a point in time + `search_after`
 * (size 500, `_source` filtered). The store runs as a child process (`signet embedded-es`) so
 * its peak RSS is measured alone. Baseline in the same run (project rule): the same bulk bodies
 * POSTed to a trivial server that only fsyncs them and answers a canned bulk response, and the
 * same page reads answered from an in-memory array. Progress goes to stderr; the last stdout
 * line is one JSON object.
 *
 * Environment (profiling only): BENCH_DOCS (document count), BENCH_CPU_PROF=<dir> (CPU profile of
 * the store), BENCH_NODE_FLAGS (extra node flags for the store, e.g. `--trace-gc`).
 */
import { createServer } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { mkdtempSync, openSync, fsyncSync, writeSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { startChild, stopChild } from './child-process';

const DOCS = Number(process.env.BENCH_DOCS ?? 200_000);
const BATCH = 500;
const PAGE = 500;
const CONCURRENCY = 4;
const STREAM = 'generic-1-elproxysigned-bench-6_months-0';
const SOURCE_INCLUDES = ['@timestamp', 'ES_BLOCKCHAIN.iteration', 'ES_BLOCKCHAIN.hash', 'host.name'];

function log(msg: string): void {
  process.stderr.write(`[bench:store] ${msg}\n`);
}

function hex(n: number, seed: number): string {
  let s = '';
  let x = seed >>> 0;
  while (s.length < n) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    s += x.toString(16).padStart(8, '0');
  }
  return s.slice(0, n);
}

/** One ~1 KB signed-log-like document. */
function makeDoc(i: number): string {
  const doc = {
    '@timestamp': new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
    host: { name: `web-${i % 17}` },
    event: { module: 'bench', dataset: 'bench.log' },
    message: `request ${i} ` + 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor '.repeat(7),
    http: { status: 200 + (i % 5), bytes: 1000 + (i % 1000) },
    ES_BLOCKCHAIN: {
      fields: { message_digest: hex(32, i) },
      hash: hex(64, i + 7),
      previous_hash: i === 0 ? null : hex(64, i + 6),
      iteration: i,
      timestamp_ms: 1704067200000 + i * 1000,
      version: 1,
    },
  };
  return JSON.stringify(doc);
}

function makeBodies(): string[] {
  const bodies: string[] = [];
  for (let start = 0; start < DOCS; start += BATCH) {
    let body = '';
    for (let i = start; i < Math.min(DOCS, start + BATCH); i++) {
      body += `{"create":{"_index":"${STREAM}","_id":"bench:${i}"}}\n${makeDoc(i)}\n`;
    }
    bodies.push(body);
  }
  return bodies;
}

function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

async function runPool<T>(items: T[], worker: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < items.length) await worker(items[next++] as T);
  }));
}

async function indexPhase(client: Client, bodies: string[]): Promise<number> {
  const t0 = performance.now();
  let done = 0;
  await runPool(bodies, async (body) => {
    const res = await client.bulk({ body } as unknown as Parameters<Client['bulk']>[0]);
    if (res.errors) throw new Error(`bulk errors: ${JSON.stringify(res.items.find((i) => Object.values(i)[0]?.error))}`);
    done += BATCH;
    if (done % 50_000 === 0) log(`indexed ${done}`);
  });
  return DOCS / ((performance.now() - t0) / 1000);
}

async function readPhase(client: Client, index: string): Promise<number> {
  const t0 = performance.now();
  const pit = await client.openPointInTime({ index, keep_alive: '2m' });
  let after: unknown[] | undefined;
  let read = 0;
  let last = -1;
  for (;;) {
    const res = await client.search({
      pit: { id: pit.id, keep_alive: '2m' },
      size: PAGE,
      sort: [{ 'ES_BLOCKCHAIN.iteration': 'asc' }],
      _source: { includes: SOURCE_INCLUDES },
      track_total_hits: false,
      ...(after ? { search_after: after as never } : {}),
    });
    const hits = res.hits.hits;
    if (hits.length === 0) break;
    for (const h of hits) {
      const it = (h._source as { ES_BLOCKCHAIN: { iteration: number } }).ES_BLOCKCHAIN.iteration;
      if (it !== last + 1) throw new Error(`out of order: ${it} after ${last}`);
      last = it;
    }
    read += hits.length;
    after = hits[hits.length - 1]?.sort as unknown[];
  }
  await client.closePointInTime({ id: pit.id });
  if (read !== DOCS) throw new Error(`read ${read} of ${DOCS}`);
  return DOCS / ((performance.now() - t0) / 1000);
}

/** The floor: fsync the bulk body and answer a canned response; serve pages from an array. */
function floorServer(dir: string): void {
  const fd = openSync(path.join(dir, 'floor.log'), 'a');
  const item = (i: number): string => `{"create":{"_index":"x","_id":"bench:${i}","_version":1,"result":"created","_shards":{"total":2,"successful":1,"failed":0},"_seq_no":${i},"_primary_term":1,"status":201}}`;
  const canned = `{"took":1,"errors":false,"items":[${Array.from({ length: BATCH }, (_, i) => item(i)).join(',')}]}`;
  const docs: Record<string, unknown>[] = [];
  for (let i = 0; i < DOCS; i++) {
    const d = JSON.parse(makeDoc(i)) as Record<string, unknown> & { ES_BLOCKCHAIN: Record<string, unknown>; host: unknown };
    docs.push({ _index: 'x', _id: `bench:${i}`, _score: null, _source: { '@timestamp': d['@timestamp'], host: d.host, ES_BLOCKCHAIN: { iteration: i, hash: d.ES_BLOCKCHAIN.hash } }, sort: [i, i] });
  }
  const headers = { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' };
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.url?.includes('_bulk')) {
        writeSync(fd, body);
        fsyncSync(fd);
        res.writeHead(200, headers).end(canned);
      } else if (req.url?.includes('_pit')) {
        res.writeHead(200, headers).end(req.method === 'DELETE' ? '{"succeeded":true,"num_freed":1}' : '{"id":"floor"}');
      } else {
        const q = JSON.parse(body.toString() || '{}') as { search_after?: number[] };
        const from = q.search_after ? Number(q.search_after[0]) + 1 : 0;
        res.writeHead(200, headers).end(JSON.stringify({ pit_id: 'floor', took: 0, timed_out: false, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 }, hits: { max_score: null, hits: docs.slice(from, from + PAGE) } }));
      }
    });
  }).listen(0, '127.0.0.1', function (this: Server) {
    const addr = this.address() as AddressInfo;
    process.stdout.write(`floor listening on http://127.0.0.1:${addr.port}\n`);
  });
}

async function main(): Promise<void> {
  if (process.argv[2] === '--floor-server') {
    floorServer(process.argv[3] as string);
    return;
  }
  const root = path.resolve(__dirname, '..', '..');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'signet-bench-store-'));
  try {
    log(`generating ${DOCS} documents`);
    const bodies = makeBodies();
    log(`average document size ${Math.round((bodies[0] as string).length / BATCH)} bytes (with action line)`);

    const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    if (process.env.BENCH_NODE_FLAGS) prof.push(...process.env.BENCH_NODE_FLAGS.split(' '));
    const store = await startChild([...prof, path.join(root, 'bin', 'signet.cjs'), 'embedded-es', '--port', '0', '--data-dir', path.join(dir, 'store')]);
    const client = new Client({ node: store.url });
    await client.indices.putIndexTemplate({
      name: 'bench',
      index_patterns: ['*-*-elproxysigned-*'],
      data_stream: {},
      priority: 200,
      template: { mappings: { properties: { '@timestamp': { type: 'date' }, ES_BLOCKCHAIN: { properties: { iteration: { type: 'long' }, hash: { type: 'keyword' } } } } } },
    });
    log(`store at ${store.url}; indexing`);
    const indexRate = await indexPhase(client, bodies);
    log(`indexing: ${Math.round(indexRate)} docs/s; reading`);
    const readRate = await readPhase(client, '*-*-elproxysigned-bench-6_months-0');
    log(`reading: ${Math.round(readRate)} docs/s`);
    const rss = peakRssMb(store.child.pid as number);
    await client.close();
    await stopChild(store.child);

    const floor = await startChild([__filename, '--floor-server', dir]);
    const floorClient = new Client({ node: floor.url });
    const floorIndex = await indexPhase(floorClient, bodies);
    const floorRead = await readPhase(floorClient, 'x');
    await floorClient.close();
    await stopChild(floor.child);
    log(`floor: index ${Math.round(floorIndex)} docs/s, read ${Math.round(floorRead)} docs/s; store peak RSS ${rss} MB`);

    const result = {
      index_docs_per_s: Math.round(indexRate),
      read_docs_per_s: Math.round(readRate),
      index_floor_docs_per_s: Math.round(floorIndex),
      read_floor_docs_per_s: Math.round(floorRead),
      index_ratio: Number((indexRate / floorIndex).toFixed(3)),
      read_ratio: Number((readRate / floorRead).toFixed(3)),
      peak_rss_mb: rss,
      docs: DOCS,
      goals_met: indexRate >= 20_000 && readRate >= 50_000,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`[bench:store] failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});

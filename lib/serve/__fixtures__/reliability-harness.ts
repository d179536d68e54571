// Reliability harness (issue 4 §8): `startSignet` in this process, pointed at an embedded store
// that runs on its own (so a test can stop and restart it on the same port and data directory)
// with fault injection on. Helpers send El Proxy batches, read the stored chain back losslessly
// and verify it with lib/chain, read the DLQ files and scrape the Prometheus metrics.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { entryFromDocument, keyFromHex, parseJson, verifyEntries, type JsonObject, type JsonValue, type SequenceResult, type VerifyEntry } from '../../chain';
import { loadConfig } from '../../config';
import { startEmbeddedEs, type EmbeddedEs } from '../../embedded-es';
import { assertLoopback } from '../../store/__fixtures__/test-store';
import { startSignet, type RunningSignet } from '../start-signet';
import { writeTestConfig } from './crash-harness';

export const RETENTION = '6_months';
export const AGENT = { type: 'filebeat', version: '8.13.4' };

/** A blockchain of the tests: customer `customer`, tag `0`, module elproxysigned. */
export interface TestChain {
  readonly customer: string;
  /** `elproxysigned-{customer}-6_months-0` */
  readonly name: string;
  /** `filebeat-8.13.4-elproxysigned-{customer}-6_months-0` */
  readonly dataStream: string;
}

export function testChain(customer: string): TestChain {
  const name = `elproxysigned-${customer}-${RETENTION}-0`;
  return { customer, name, dataStream: `${AGENT.type}-${AGENT.version}-${name}` };
}

/** One log for `chain`; `seq` identifies it in the assertions (a signed field, like `message`). */
export function makeLog(chain: TestChain, seq: number, extra: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@timestamp': new Date(1_767_000_000_000 + seq * 1000).toISOString(),
    message: `log ${seq}`,
    seq,
    ...extra,
    EBP_METADATA: { agent: AGENT, customer: chain.customer, retention: RETENTION, blockchain_tag: '0', ...meta },
  };
}

export function makeLogs(chain: TestChain, seqs: readonly number[], extra: Record<string, unknown> = {}): Record<string, unknown>[] {
  return seqs.map((s) => makeLog(chain, s, extra));
}

export const range = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);

export interface HarnessOptions {
  /** `failure_max_retries` (default 3). */
  readonly retries?: number;
  /** `failure_sleep_ms_between_retries` (default 5: the back-off doubles from there). */
  readonly sleepMs?: number;
  /** Replaces `dlq_dir` (relative to the test directory). */
  readonly dlqDir?: string;
  /** `elasticsearch.timeout_secs` (default 10). */
  readonly timeoutSecs?: number;
  /** Start Signet while the store is down (the test starts it with `startStore`). */
  readonly storeDownAtStart?: boolean;
  /** `message_queue_size` (logs per chain; default: the configuration's). */
  readonly messageQueueSize?: number;
  /** `key_save_interval_ms` (default: the configuration's). */
  readonly keySaveIntervalMs?: number;
  /** `max_blockchains` (default: the built-in one). */
  readonly maxBlockchains?: number;
  /** `web_server.max_body_bytes` and `web_server.max_inflight_bytes` (default: the built-in ones). */
  readonly maxBodyBytes?: number;
  readonly maxInflightBytes?: number;
  /** The store's `http.max_content_length` (default 100 MB). */
  readonly storeMaxContentLength?: number;
  /** `web_server.shutdown_grace_ms` (default: the built-in one). */
  readonly shutdownGraceMs?: number;
}

export interface StoredDoc {
  readonly id: string;
  readonly index: string;
  readonly source: JsonObject;
}

export interface DlqLine {
  readonly document: JsonObject;
  readonly el_error: { type: string; reason: string } | null;
}

export interface Harness {
  readonly dir: string;
  readonly signet: RunningSignet;
  readonly es: EmbeddedEs;
  readonly dlqDir: string;
  /** What Signet logged so far. */
  readonly log: readonly string[];
  /** POST /api/log_batch. */
  post(logs: readonly unknown[]): Promise<{ status: number; body: Record<string, unknown> }>;
  get(urlPath: string): Promise<{ status: number; body: Record<string, unknown> }>;
  /** GET /api/v1/metrics/prometheus, parsed. */
  metrics(): Promise<Metrics>;
  /** Raw request to the store (admin set-up: templates, settings, pipelines). */
  esRequest(method: string, urlPath: string, body?: unknown): Promise<{ status: number; body: JsonValue }>;
  /** Closes the store (connections refused from now on). */
  stopStore(): Promise<void>;
  /** Starts the store again on the same port and data directory. */
  startStore(): Promise<void>;
  /** Every stored document of the chain, by iteration. */
  storedDocs(chain: TestChain): Promise<StoredDoc[]>;
  /** Every line of the chain's signed DLQ files (any date). */
  dlqLines(chain: TestChain): DlqLine[];
  /** The key file: the next iteration to sign. */
  keyIteration(chain: TestChain): number | null;
  /** Verifies the chain from iteration 0 over `docs` (stored documents, DLQ documents…). */
  verify(chain: TestChain, docs: readonly JsonObject[]): SequenceResult;
  close(): Promise<void>;
}

export class Metrics {
  constructor(readonly text: string) {}

  /** Sum of the series of `name` whose labels include `labels` (0 when none). */
  value(name: string, labels: Record<string, string> = {}): number {
    let sum = 0;
    for (const line of this.text.split('\n')) {
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (m === null || m[1] !== name) continue;
      const have = new Map<string, string>();
      for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) have.set(l[1] as string, l[2] as string);
      if (Object.entries(labels).every(([k, v]) => have.get(k) === v)) sum += Number(m[3]);
    }
    return sum;
  }

  /** `value(after) - value(before)`, for counters that earlier steps of a test already moved. */
  since(before: Metrics, name: string, labels: Record<string, string> = {}): number {
    return this.value(name, labels) - before.value(name, labels);
  }
}

export async function startHarness(o: HarnessOptions = {}): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-reliability-'));
  const esDir = path.join(dir, 'store');
  const storeOptions = { dataDir: esDir, host: '127.0.0.1', faultInjection: true, ...(o.storeMaxContentLength === undefined ? {} : { maxContentLength: o.storeMaxContentLength }) };
  let es = await startEmbeddedEs({ ...storeOptions, port: 0 });
  assertLoopback(es.url);
  const port = Number(new URL(es.url).port);
  const configDir = writeTestConfig(dir, `[elasticsearch]\nurl = ${JSON.stringify(es.url)}\ntimeout_secs = ${o.timeoutSecs ?? 10}\n`);
  // Overrides of writeTestConfig's values go in a drop-in (applied after the main file).
  const dropIn = path.join(configDir, 'elastic_blockchain_proxy.d');
  fs.mkdirSync(dropIn, { recursive: true });
  const dlqDir = path.join(dir, o.dlqDir ?? path.join('data', 'dlq'));
  fs.writeFileSync(
    path.join(dropIn, '50-reliability.conf'),
    `failure_max_retries = ${o.retries ?? 3}\nfailure_sleep_ms_between_retries = ${o.sleepMs ?? 5}\ndlq_dir = ${JSON.stringify(dlqDir)}\n` +
      (o.messageQueueSize === undefined ? '' : `message_queue_size = ${o.messageQueueSize}\n`) +
      (o.keySaveIntervalMs === undefined ? '' : `key_save_interval_ms = ${o.keySaveIntervalMs}\n`) +
      (o.maxBlockchains === undefined ? '' : `max_blockchains = ${o.maxBlockchains}\n`) +
      (o.maxBodyBytes === undefined ? '' : `web_server.max_body_bytes = ${o.maxBodyBytes}\n`) +
      (o.maxInflightBytes === undefined ? '' : `web_server.max_inflight_bytes = ${o.maxInflightBytes}\n`) +
      (o.shutdownGraceMs === undefined ? '' : `web_server.shutdown_grace_ms = ${o.shutdownGraceMs}\n`),
  );
  const config = loadConfig({ configDir, env: {}, baseDir: dir });
  if (o.storeDownAtStart === true) await es.close();
  const log: string[] = [];
  let signet: RunningSignet;
  try {
    signet = await startSignet({ config, projectDir: dir, console: false, log: (l) => void log.push(l) });
  } catch (err) {
    await es.close();
    throw err;
  }

  const json = async (res: Response) => {
    const text = await res.text();
    return (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
  };
  const esRequest = async (method: string, urlPath: string, body?: unknown) => {
    const res = await fetch(es.url + urlPath, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    return { status: res.status, body: text === '' ? null : parseJson(text) };
  };

  const h: Harness = {
    dir,
    signet,
    get es() {
      return es;
    },
    dlqDir,
    log,
    async post(logs) {
      const res = await fetch(`${signet.url}/api/log_batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(logs) });
      return { status: res.status, body: await json(res) };
    },
    async get(urlPath) {
      const res = await fetch(signet.url + urlPath);
      return { status: res.status, body: await json(res) };
    },
    async metrics() {
      const res = await fetch(`${signet.url}/api/v1/metrics/prometheus`);
      return new Metrics(await res.text());
    },
    esRequest,
    async stopStore() {
      await es.close();
    },
    async startStore() {
      es = await startEmbeddedEs({ ...storeOptions, port });
    },
    async storedDocs(chain) {
      const r = await esRequest('POST', `/*-*-${chain.name}/_search?ignore_unavailable=true&allow_no_indices=true`, {
        size: 10_000,
        sort: [{ 'ES_BLOCKCHAIN.iteration': { order: 'asc', unmapped_type: 'long' } }],
      });
      if (r.status !== 200) throw new Error(`search failed: ${r.status} ${JSON.stringify(r.body)}`);
      const hits = ((r.body as JsonObject).hits as JsonObject).hits as JsonObject[];
      return hits.map((hit) => ({ id: hit._id as string, index: hit._index as string, source: hit._source as JsonObject }));
    },
    dlqLines(chain) {
      const folder = path.join(dlqDir, chain.customer);
      if (!fs.existsSync(folder)) return [];
      return fs
        .readdirSync(folder)
        .filter((f) => f.startsWith(`${chain.dataStream}-`) && f.endsWith('.ndjson'))
        .sort()
        .flatMap((f) => fs.readFileSync(path.join(folder, f), 'utf8').split('\n').filter((l) => l !== ''))
        .map((l) => parseJson(l) as unknown as DlqLine);
    },
    keyIteration(chain) {
      const file = path.join(dir, 'data', 'keys', chain.customer, `${chain.name}_key.json`);
      return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { iteration: number }).iteration : null;
    },
    verify(chain, docs) {
      const backup = path.join(dir, 'data', 'keys_backup', chain.customer, `${chain.name}_key.json`);
      const key0 = (JSON.parse(fs.readFileSync(backup, 'utf8')) as { key: string }).key;
      const entries: VerifyEntry[] = [];
      for (const d of docs) {
        const r = entryFromDocument(d);
        if (!('entry' in r)) throw new Error(`not a signed document: ${r.problem}`);
        entries.push(r.entry);
      }
      entries.sort((a, b) => a.iteration - b.iteration);
      return verifyEntries(entries, { key: keyFromHex(key0), iteration: 0, previousHash: null, acknowledgeBlockchainId: `acknowledge-${chain.name}` });
    },
    async close() {
      await signet.close();
      await es.close().catch(() => undefined);
      fs.chmodSync(dir, 0o700);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

/** The `seq` of each document (the tests' log identity). */
export function seqsOf(sources: readonly JsonObject[]): number[] {
  return sources.map((s) => Number(s.seq));
}

/** Iterations 0…n-1 exactly once each. */
export function iterationsOf(docs: readonly JsonObject[]): number[] {
  return docs.map((d) => (d.ES_BLOCKCHAIN as JsonObject).iteration as number).sort((a, b) => a - b);
}

// Crash-safety harness (issue 4 §6), shared by the test suite (20+ kills) and bench/crash (200).
// Starts `signet serve --no-console` (with its embedded store, in the same process) on a temp
// configuration, drives it with a Logstash-like client that re-sends every batch it got no 200
// for, SIGKILLs the process at random moments, then checks the stored chain with lib/chain.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { entryFromDocument, keyFromHex, parseJson, verifyEntries, type VerifyEntry } from '../../chain';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CHAIN = { customer: 'crash', retention: '6_months', tag: '0' };
const META = { agent: { type: 'filebeat', version: '8.13.4' }, customer: CHAIN.customer, retention: CHAIN.retention, blockchain_tag: CHAIN.tag };

export interface CrashRunOptions {
  kills: number;
  batchSize?: number;
  /** Random delay before each kill, in ms. */
  killAfterMs?: [number, number];
  /** Concurrent client "pipeline workers" (Logstash sends several batches at once). */
  workers?: number;
  log?: (line: string) => void;
}

export interface CrashRunResult {
  kills: number;
  batchesSent: number;
  batchesAcked: number;
  resends: number;
  logsAcked: number;
  storedDocs: number;
  iterations: number;
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

/** Starts `signet serve --no-console`; resolves with the process and its URLs once it listens. */
export function startServe(configDir: string): Promise<{ child: ChildProcess; url: string; esUrl: string; stderr: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'signet.cjs'), '--config-dir', configDir, 'serve', '--no-console'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let esUrl = '';
    const timer = setTimeout(() => reject(new Error(`signet serve did not start in 60 s:\n${err}`)), 60_000);
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
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`signet serve exited with ${code} before listening:\n${err}`));
    });
  });
}

export async function runCrashScenario(o: CrashRunOptions): Promise<CrashRunResult> {
  const t0 = Date.now();
  const log = o.log ?? (() => undefined);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-crash-'));
  const configDir = writeTestConfig(dir);
  const batchSize = o.batchSize ?? 25;
  const [minKill, maxKill] = o.killAfterMs ?? [150, 700];
  const workers = o.workers ?? 3;

  let server = await startServe(configDir);
  let nextSeq = 0;
  const ledger = { sent: 0, acked: 0, resends: 0, ackedSeqs: new Set<number>(), resentSeqs: new Set<number>() };
  let stop = false;

  // A Logstash-like pipeline worker: one batch at a time, re-sent until it gets a 200.
  const worker = async (): Promise<void> => {
    while (!stop) {
      const seqs = Array.from({ length: batchSize }, () => nextSeq++);
      const body = JSON.stringify(seqs.map((seq) => ({ '@timestamp': new Date(1_700_000_000_000 + seq).toISOString(), message: `log ${seq}`, seq, EBP_METADATA: META })));
      ledger.sent++;
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0) {
          ledger.resends++;
          for (const s of seqs) ledger.resentSeqs.add(s);
        }
        const ok = await fetch(`${server.url}/api/log_batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(20_000) }).then(
          (r) => r.status === 200,
          () => false,
        );
        if (ok) break;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
      ledger.acked++;
      for (const s of seqs) ledger.ackedSeqs.add(s);
    }
  };

  const running = Array.from({ length: workers }, () => worker());
  for (let k = 0; k < o.kills; k++) {
    await new Promise((r) => setTimeout(r, minKill + Math.random() * (maxKill - minKill)));
    server.child.kill('SIGKILL');
    await new Promise((r) => server.child.once('exit', r));
    log(`kill ${k + 1}/${o.kills}: ${ledger.acked} batches acknowledged`);
    server = await startServe(configDir);
  }
  // Let the workers finish the batches in flight (each re-sends until it gets its 200).
  await new Promise((r) => setTimeout(r, 500));
  stop = true;
  await Promise.all(running);

  // Read everything stored for the chain back through the official client, then verify.
  const es = new Client({ node: server.esUrl });
  await es.indices.refresh({ index: '*' }).catch(() => undefined);
  const docs: { seq: number; text: unknown }[] = [];
  let after: unknown[] | undefined;
  for (;;) {
    const page = await es.transport.request<{ hits: { hits: { _source: unknown; sort: unknown[] }[] } }>(
      { method: 'POST', path: `/*-*-elproxysigned-${CHAIN.customer}-${CHAIN.retention}-${CHAIN.tag}/_search`, body: { size: 1000, sort: [{ 'ES_BLOCKCHAIN.iteration': 'asc' }, { _id: 'asc' }], ...(after ? { search_after: after } : {}) } },
      { asStream: false },
    );
    const hits = page.hits.hits;
    if (hits.length === 0) break;
    for (const h of hits) docs.push({ seq: (h._source as { seq: number }).seq, text: h._source });
    after = hits[hits.length - 1]!.sort;
  }
  await es.close();
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));

  const key0 = JSON.parse(fs.readFileSync(path.join(dir, 'data', 'keys_backup', CHAIN.customer, `elproxysigned-${CHAIN.customer}-${CHAIN.retention}-${CHAIN.tag}_key.json`), 'utf8')).key as string;
  const entries: VerifyEntry[] = [];
  for (const d of docs) {
    // Re-parse losslessly (the client parsed with JSON.parse; the test fields are plain).
    const r = entryFromDocument(parseJson(JSON.stringify(d.text)));
    if ('entry' in r) entries.push(r.entry);
  }
  const verdict = verifyEntries(entries, { key: keyFromHex(key0), iteration: 0, previousHash: null, acknowledgeBlockchainId: `acknowledge-elproxysigned-${CHAIN.customer}-${CHAIN.retention}-${CHAIN.tag}` });
  const counts = new Map<number, number>();
  for (const d of docs) counts.set(d.seq, (counts.get(d.seq) ?? 0) + 1);
  const duplicated = [...counts].filter(([, n]) => n > 1).map(([s]) => s);
  const result: CrashRunResult = {
    kills: o.kills,
    batchesSent: ledger.sent,
    batchesAcked: ledger.acked,
    resends: ledger.resends,
    logsAcked: ledger.ackedSeqs.size,
    storedDocs: docs.length,
    iterations: verdict.nextIteration,
    verifyErrors: [...verdict.errors.map((e) => `${e.code} ${JSON.stringify(e.corruption)}`), ...verdict.duplicateIterations.map((i) => `duplicate iteration ${i}`)],
    missingAcked: [...ledger.ackedSeqs].filter((s) => !counts.has(s)).length,
    duplicatedLogs: duplicated.length,
    duplicatedWithoutResend: duplicated.filter((s) => !ledger.resentSeqs.has(s)).length,
    seconds: Math.round((Date.now() - t0) / 100) / 10,
  };
  fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

// Issue 4 §7 "Bad input": 10,000 generated bodies (fixed seeds) against a real Signet — the
// composition root in-process with its embedded store, El Proxy's endpoints on the direct path.
// Every answer is checked on its own; at the end the ledger of 200 answers must match exactly
// what is on disk and in the store, and every chain must verify with lib/chain.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPlainObject, parseJson, type JsonObject } from '../chain';
import { FUZZ_CHAINS, FUZZ_MAX_BODY_BYTES, chainOf, hostilePlan, sampleCases, wellFormedPlan, type FuzzCase } from './__fixtures__/ingest-fuzz-cases';
import { sendRaw, type RawAnswer } from './__fixtures__/send-raw';
import { readRejected, verifyStoredChain } from './__fixtures__/stored-chains';
import { startTestSignet, type TestSignet } from './__fixtures__/test-signet';

const HOSTILE = 6_500;
const WELL_FORMED = 3_500;
const CONCURRENCY = 16;

/** The code each refusal must carry: a closed set, one per status. */
const CODE_FOR_STATUS: Record<number, string> = { 400: 'ERR_INGEST_MALFORMED', 405: 'ERR_INGEST_METHOD', 413: 'ERR_INGEST_TOO_LARGE', 415: 'ERR_INGEST_UNSUPPORTED_ENCODING' };
/** What a refusal's message must name, per generated category. */
const MESSAGE_FOR: Record<string, RegExp> = {
  truncated: /not valid JSON|not valid UTF-8|nested too deeply|JSON array/,
  deep: /nested too deeply|exceeds \d+ bytes/,
  surrogate: /surrogate|not valid UTF-8/,
  'corrupt-compressed': /cannot be decompressed/,
  bomb: /decompressed body exceeds/,
  'unknown-encoding': /unsupported Content-Encoding/,
  'too-large': /exceeds \d+ bytes/,
  method: /use POST/,
};

interface Ledger {
  answers: number;
  ok: number;
  refused: Record<number, number>;
  logs: number;
  indexed: number;
  dlq: number;
  rejected: number;
  /** Marker → reason pattern, for unsignable logs of well-formed 200 cases. */
  rejectedMarkers: Map<string, RegExp>;
  /** Markers of valid logs of well-formed 200 cases: each must be stored exactly once. */
  signedMarkers: Set<string>;
  byCategory: Record<string, Record<number, number>>;
  failures: string[];
}

let s: TestSignet;
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const ledger: Ledger = { answers: 0, ok: 0, refused: {}, logs: 0, indexed: 0, dlq: 0, rejected: 0, rejectedMarkers: new Map(), signedMarkers: new Set(), byCategory: {}, failures: [] };

beforeAll(async () => {
  // No sleep between store retries: logs the store refuses (mapping conflicts) go to the DLQ at once.
  s = await startTestSignet({ toml: `failure_sleep_ms_between_retries = 0\n[web_server]\nmax_body_bytes = ${FUZZ_MAX_BODY_BYTES}\n`, includeFields: ['@timestamp', 'message', 'seq', 'fz'] });
});
afterAll(async () => {
  agent.destroy();
  await s?.close();
});

function fail(c: FuzzCase, a: RawAnswer | null, why: string): void {
  ledger.failures.push(`case ${c.id} (${c.category} ${c.method} ${c.path} ${JSON.stringify(c.headers)}): ${why}; answer ${a === null ? 'none' : `${a.status} ${a.text.slice(0, 200)}`}`);
}

/** Checks one answer on its own and adds a 200 to the ledger. */
function check(c: FuzzCase, a: RawAnswer): void {
  const cat = (ledger.byCategory[c.category] ??= {});
  cat[a.status] = (cat[a.status] ?? 0) + 1;
  ledger.answers++;
  if (!c.status.includes(a.status)) return fail(c, a, `expected ${c.status.join('|')}`);
  if (!String(a.headers['content-type']).startsWith('application/json')) return fail(c, a, 'not JSON');
  let body: JsonObject;
  try {
    body = parseJson(a.text) as JsonObject;
  } catch {
    return fail(c, a, 'body is not valid JSON');
  }
  if (a.status !== 200) {
    ledger.refused[a.status] = (ledger.refused[a.status] ?? 0) + 1;
    const err = isPlainObject(body.error) ? body.error : {};
    if (err.code !== CODE_FOR_STATUS[a.status]) return fail(c, a, `error code should be ${CODE_FOR_STATUS[a.status]}`);
    if (typeof err.message !== 'string' || err.message.length < 10) return fail(c, a, 'the error message does not name the problem');
    const want = MESSAGE_FOR[c.category];
    if (want !== undefined && !want.test(err.message)) return fail(c, a, `message should match ${want}`);
    if (a.status === 405 && a.headers.allow !== 'POST') return fail(c, a, 'a 405 names the allowed method');
    return;
  }
  const n = (k: string): number => (typeof body[k] === 'number' ? (body[k] as number) : NaN);
  const [logs, indexed, dlq, rejected] = [n('logs'), n('indexed'), n('dlq'), n('rejected')];
  if (!(logs === indexed + dlq + rejected)) return fail(c, a, 'logs != indexed + dlq + rejected');
  if (!Array.isArray(body.chains)) return fail(c, a, 'no chains list');
  if (c.counts !== undefined) {
    if (logs !== c.counts.logs) return fail(c, a, `expected ${c.counts.logs} logs`);
    if (rejected !== c.counts.rejected) return fail(c, a, `expected ${c.counts.rejected} rejected`);
    if (indexed + dlq !== c.counts.valid) return fail(c, a, `expected ${c.counts.valid} signed`);
    if (JSON.stringify([...(body.chains as string[])].sort()) !== JSON.stringify(c.counts.chains)) return fail(c, a, `expected chains ${c.counts.chains.join(',')}`);
    for (const m of c.rejectedMarkers) ledger.rejectedMarkers.set(m.marker, m.reason);
    for (const m of c.signedMarkers) ledger.signedMarkers.add(m);
  }
  ledger.ok++;
  ledger.logs += logs;
  ledger.indexed += indexed;
  ledger.dlq += dlq;
  ledger.rejected += rejected;
}

async function runCases(cases: FuzzCase[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const c = cases[next++] as FuzzCase;
      const a = await sendRaw({ url: s.url + c.path, method: c.method, headers: c.headers, body: c.body, chunked: c.chunked, agent }).catch((err: unknown) => {
        fail(c, null, `request failed: ${(err as Error).message}`);
        return null;
      });
      if (a !== null) check(c, a);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

describe('ingest endpoints under generated input (issue 4 §7)', () => {
  it(`answers ${HOSTILE} hostile bodies with a JSON 4xx naming the problem, or a consistent 200`, async () => {
    await runCases(sampleCases(hostilePlan, HOSTILE, 0x5eed_0001, 0));
    expect(ledger.failures.slice(0, 15)).toEqual([]);
    expect(ledger.answers).toBe(HOSTILE);
    // The mix really exercised the refusals (not everything came back 200).
    for (const status of [400, 405, 413, 415]) expect(ledger.refused[status] ?? 0).toBeGreaterThan(20);
  }, 120_000);

  it(`signs the valid logs and rejects the unsignable ones of ${WELL_FORMED} well-formed bodies`, async () => {
    const before = ledger.answers;
    await runCases(sampleCases(wellFormedPlan, WELL_FORMED, 0x5eed_0002, HOSTILE));
    expect(ledger.failures.slice(0, 15)).toEqual([]);
    expect(ledger.answers - before).toBe(WELL_FORMED);
    expect(ledger.rejectedMarkers.size).toBeGreaterThan(500);
  }, 120_000);

  it('leaves exactly what the 200 answers reported, and chains that verify', async () => {
    // Still answering, and still signing.
    const health = await sendRaw({ url: `${s.url}/api/v1/status/health`, method: 'GET' });
    expect(health.status).toBe(200);
    const last = await sendRaw({ url: `${s.url}/api/log`, body: JSON.stringify({ message: 'after the fuzz', fz: 'last', seq: 1, EBP_METADATA: { agent: { type: 'fuzz' }, customer: 'fz0', retention: '6_months', blockchain_tag: '0' } }) });
    const lastBody = JSON.parse(last.text) as { indexed: number; dlq: number };
    expect(lastBody).toMatchObject({ logs: 1, rejected: 0, chains: [chainOf(0)] });
    ledger.indexed += lastBody.indexed;
    ledger.dlq += lastBody.dlq;

    // The rejected area holds exactly the rejected logs, each with its reason.
    const rejected = readRejected(s.config.dlqDir);
    expect(rejected.length).toBe(ledger.rejected);
    const reasons = new Map<string, string>();
    for (const r of rejected) {
      expect(r.reason.length).toBeGreaterThan(5);
      if (isPlainObject(r.log) && typeof r.log.fz === 'string') reasons.set(r.log.fz, r.reason);
    }
    const wrong: string[] = [];
    for (const [marker, reason] of ledger.rejectedMarkers) {
      const got = reasons.get(marker);
      if (got === undefined || !reason.test(got)) wrong.push(`${marker}: expected ${reason}, got ${got}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);

    // Every chain verifies over store + DLQ: no gap, no duplicate, nothing altered; together
    // they hold exactly the logs the 200 answers counted as signed.
    const chains = fs.readdirSync(s.config.dataDir).flatMap((customer) =>
      fs.readdirSync(path.join(s.config.dataDir, customer)).filter((f) => f.endsWith('_key.json')).map((f) => f.slice(0, -'_key.json'.length).split('-')),
    );
    expect(chains.map((c) => c.join('-'))).toEqual(expect.arrayContaining(FUZZ_CHAINS.map((_, i) => chainOf(i))));
    let indexed = 0;
    let dlq = 0;
    const seen = new Map<string, number>();
    for (const [module, customer, retention, tag] of chains as [string, string, string, string][]) {
      const v = await verifyStoredChain({ esUrl: s.running.elasticsearchUrl, dataBackupDir: s.config.dataBackupDir, dlqDir: s.config.dlqDir, module, customer, retention, tag });
      expect({ chain: v.name, errors: v.verdict.errors, duplicates: v.verdict.duplicateIterations }).toEqual({ chain: v.name, errors: [], duplicates: [] });
      expect(v.verdict.nextIteration).toBe(v.indexed.length + v.dlq.length);
      indexed += v.indexed.length;
      dlq += v.dlq.length;
      for (const d of [...v.indexed, ...v.dlq]) if (typeof d.fz === 'string') seen.set(d.fz, (seen.get(d.fz) ?? 0) + 1);
    }
    expect({ indexed, dlq }).toEqual({ indexed: ledger.indexed, dlq: ledger.dlq });
    // Each valid log of a well-formed body is stored once; nothing unsignable was signed.
    const missing = [...ledger.signedMarkers].filter((m) => seen.get(m) !== 1);
    expect(missing.slice(0, 10)).toEqual([]);
    expect([...ledger.rejectedMarkers.keys()].filter((m) => seen.has(m)).slice(0, 10)).toEqual([]);

    // Nothing unexpected happened inside the server.
    expect(s.logs.filter((l) => /unexpected|request failed/i.test(l))).toEqual([]);
  }, 120_000);
});

describe('clients that go away mid-request', () => {
  it('leave nothing behind, log no error, and the server keeps answering', async () => {
    const t = await startTestSignet();
    try {
      const { port } = new URL(t.url);
      const body = JSON.stringify([{ message: 'never finished', EBP_METADATA: { agent: { type: 'x' }, customer: 'gone', retention: '6_months', blockchain_tag: '0' } }]);
      for (const [declared, sent] of [[body.length + 50, body], [body.length, body.slice(0, 10)], [1000, '']] as const) {
        await new Promise<void>((resolve) => {
          const sock = net.connect(Number(port), '127.0.0.1', () => {
            sock.write(`POST /api/log_batch HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${declared}\r\n\r\n${sent}`);
            setTimeout(() => sock.destroy(), 100);
          });
          sock.on('close', () => resolve());
          sock.on('error', () => undefined);
        });
      }
      // A chunked body cut off before its last chunk.
      await new Promise<void>((resolve) => {
        const sock = net.connect(Number(port), '127.0.0.1', () => {
          sock.write(`POST /api/log HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n5\r\n{"a":\r\n`);
          setTimeout(() => sock.destroy(), 100);
        });
        sock.on('close', () => resolve());
        sock.on('error', () => undefined);
      });
      await new Promise((r) => setTimeout(r, 300));
      const a = await sendRaw({ url: `${t.url}/api/log_batch`, body: '[]' });
      expect(JSON.parse(a.text)).toEqual({ logs: 0, indexed: 0, dlq: 0, rejected: 0, chains: [] });
      expect(t.running.services).toBeDefined();
      expect(readRejected(t.config.dlqDir)).toEqual([]);
      expect(fs.existsSync(path.join(t.config.dataDir, 'gone'))).toBe(false);
      expect(t.logs.filter((l) => /unexpected|request failed/i.test(l))).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InflightBudget, createIngestAuthenticator, createIngestService, createApiKey, revokeApiKey, type IngestRequest } from './index';
import { createSignetMetrics } from '../metrics';
import { ChainsError, type RoutedLog } from '../chains';
import { Secret } from '../config';
import type { ChainIdentity } from '../chain';

const META = { agent: { type: 'auditbeat', version: '7.10.1' }, customer: 'neteye', retention: '6_months', blockchain_tag: '0' };

function setup(over: { submit?: (l: readonly RoutedLog[]) => Promise<{ indexed: number; dlq: number }>; reject?: () => Promise<void>; auth?: () => boolean; admit?: (id: ChainIdentity) => Promise<string | null>; inflight?: InflightBudget } = {}) {
  const submitted: RoutedLog[][] = [];
  const rejected: { rawText: string; reason: string }[] = [];
  const metrics = createSignetMetrics({ chains: () => [], dlqFiles: () => 0 });
  const unexpected: unknown[] = [];
  const outcomes: string[] = [];
  const handle = createIngestService({
    maxBodyBytes: 10_000,
    module: 'elproxysigned',
    authenticate: over.auth ?? (() => true),
    submit: over.submit ?? (async (l) => (submitted.push([...l]), { indexed: l.length, dlq: 0 })),
    reject: over.reject ?? (async (e) => void rejected.push(...e)),
    ...(over.admit === undefined ? {} : { admit: over.admit }),
    ...(over.inflight === undefined ? {} : { inflight: over.inflight }),
    metrics,
    onUnexpected: (e) => unexpected.push(e),
    onAnswered: (a) => void outcomes.push(`${a.kind} ${a.response.status} ${a.failureType ?? 'ok'} ${a.remote ?? '-'} ${a.ms >= 0 ? 'ms' : 'no time'}`),
  });
  return { handle, submitted, rejected, metrics, unexpected, outcomes };
}

function req(body: string | Buffer | null, o: Partial<Omit<IngestRequest, 'headers'>> & { headers?: Record<string, string> } = {}): IngestRequest {
  // As a real client sends it (Logstash, curl): the body's length is declared.
  const headers = new Headers({ ...(body === null ? {} : { 'content-length': String(Buffer.byteLength(body)) }), ...(o.headers ?? {}) });
  return {
    kind: o.kind ?? 'batch',
    method: o.method ?? 'POST',
    headers: { get: (n) => headers.get(n) },
    body: body === null ? null : Readable.from([Buffer.from(body)]),
    caller: o.caller ?? { authorization: headers.get('authorization'), clientCertVerified: false },
    remote: o.remote ?? '192.0.2.7',
  };
}

describe('ingest service', () => {
  it('signs a Logstash json_batch and answers 200 with counts', async () => {
    const { handle, submitted, metrics, outcomes } = setup();
    const r = await handle(req(JSON.stringify([{ value: 'A log message', EBP_METADATA: META }, { value: 'two', EBP_METADATA: META }])));
    expect(outcomes).toEqual(['batch 200 ok 192.0.2.7 ms']);
    expect(r).toMatchObject({ status: 200, body: { logs: 2, indexed: 2, dlq: 0, rejected: 0, chains: ['elproxysigned-neteye-6_months-0'] } });
    expect(submitted[0]!.map((l) => l.dataStream)).toEqual(['auditbeat-7.10.1-elproxysigned-neteye-6_months-0', 'auditbeat-7.10.1-elproxysigned-neteye-6_months-0']);
    expect(submitted[0]![0]!.raw).toBe(`{"value":"A log message","EBP_METADATA":${JSON.stringify(META)}}`);
    expect(metrics.receivedLogs.get({ tenant: 'neteye', retention: '6_months', tag: '0' })).toBe(2);
    expect(metrics.processedRequests.get({ result: 'success', failure_type: 'none' })).toBe(1);
  });

  it('accepts /api/log (one log) and gzip bodies', async () => {
    const { handle, submitted } = setup();
    expect((await handle(req(JSON.stringify({ entry: 'x', EBP_METADATA: META }), { kind: 'single' }))).status).toBe(200);
    expect((await handle(req(gzipSync(JSON.stringify([{ a: 1, EBP_METADATA: META }])), { headers: { 'content-encoding': 'gzip' } }))).status).toBe(200);
    expect(submitted).toHaveLength(2);
  });

  it('keeps unsignable logs in the rejected area and signs the rest (200)', async () => {
    const { handle, submitted, rejected, metrics } = setup();
    const r = await handle(req(`[{"ok":1,"EBP_METADATA":${JSON.stringify(META)}}, "just a string", {"no":"metadata"}, {"EBP_METADATA":{"customer":"../etc"}}]`));
    expect(r).toMatchObject({ status: 200, body: { logs: 4, indexed: 1, rejected: 3 } });
    expect(submitted[0]).toHaveLength(1);
    expect(rejected.map((x) => [x.rawText, x.reason.slice(0, 30)])).toEqual([
      ['"just a string"', 'a log must be a JSON object'],
      ['{"no":"metadata"}', 'EBP_METADATA is missing'],
      ['{"EBP_METADATA":{"customer":"../etc"}}', expect.stringMatching(/EBP_METADATA/)],
    ]);
    expect(metrics.rejectedLogs.get()).toBe(3);
  });

  it.each([
    ['not JSON', '[{', 400, 'ERR_INGEST_MALFORMED'],
    ['not an array', '{"a":1}', 400, 'ERR_INGEST_MALFORMED'],
    ['too large', `[${'"x",'.repeat(3000)}"x"]`, 413, 'ERR_INGEST_TOO_LARGE'],
  ])('refuses a body that is %s (%i) and changes nothing', async (_n, body, status, code) => {
    const { handle, submitted, rejected } = setup();
    const r = await handle(req(body));
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ error: { code } });
    expect(submitted).toEqual([]);
    expect(rejected).toEqual([]);
  });

  it('logs of a chain the chain service does not admit go to the rejected area with its reason; the rest are signed (200)', async () => {
    const asked: string[] = [];
    const { handle, submitted, rejected, metrics } = setup({
      admit: async (id) => (asked.push(id.customer), id.customer === 'globex' ? 'blockchain elproxysigned-globex-6_months-0 would be new, but max_blockchains (1) is reached' : null),
    });
    const globex = { ...META, customer: 'globex' };
    // Two spellings of globex's metadata: one question per chain, both logs refused.
    const body = `[{"n":0,"EBP_METADATA":${JSON.stringify(META)}},{"n":1,"EBP_METADATA":${JSON.stringify(globex)}},{"n":2,"EBP_METADATA":${JSON.stringify(META)}},{"n":3,"EBP_METADATA":{"blockchain_tag":"0","customer":"globex","retention":"6_months","agent":{"type":"auditbeat","version":"7.10.1"}}}]`;
    const r = await handle(req(body));
    expect(r).toMatchObject({ status: 200, body: { logs: 4, indexed: 2, rejected: 2, chains: ['elproxysigned-neteye-6_months-0'] } });
    expect(asked.sort()).toEqual(['globex', 'neteye']);
    expect(submitted[0]!.map((l) => JSON.parse(l.raw).n)).toEqual([0, 2]);
    expect(rejected.map((x) => [JSON.parse(x.rawText).n, x.reason])).toEqual([
      [1, 'blockchain elproxysigned-globex-6_months-0 would be new, but max_blockchains (1) is reached'],
      [3, 'blockchain elproxysigned-globex-6_months-0 would be new, but max_blockchains (1) is reached'],
    ]);
    expect(metrics.rejectedLogs.sum()).toBe(2);
  });

  it('bounds the bodies held at once: a request beyond web_server.max_inflight_bytes gets 429 until the others are answered', async () => {
    const inflight = new InflightBudget(300);
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const { handle, submitted, metrics } = setup({ inflight, submit: async (l) => (await held, submitted.push([...l]), { indexed: l.length, dlq: 0 }) });
    const body = JSON.stringify([{ n: 1, EBP_METADATA: META }]); // 130 bytes
    const first = handle(req(body));
    const second = handle(req(body));
    await new Promise((r) => setTimeout(r, 20));
    expect(inflight.inUse()).toBe(2 * body.length); // both wait for their chain, bodies held
    const third = await handle(req(body));
    expect(third).toMatchObject({ status: 429, headers: { 'Retry-After': '5' }, body: { error: { code: 'ERR_INGEST_QUEUE_FULL', message: expect.stringContaining('web_server.max_inflight_bytes = 300') } } });
    expect(metrics.processedRequests.get({ result: 'failure', failure_type: 'full_queue_error' })).toBe(1);
    release();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect(inflight.inUse()).toBe(0); // given back with the answers (and by the refused one)
    expect((await handle(req(body))).status).toBe(200);
    expect(submitted).toHaveLength(3);
  });

  it('refuses other methods (405) and bad credentials (401), each counted as received and processed', async () => {
    const get = setup();
    expect(await get.handle(req(null, { method: 'GET' }))).toMatchObject({ status: 405, headers: { Allow: 'POST' }, body: { error: { code: 'ERR_INGEST_METHOD' } } });
    expect(get.metrics.receivedRequests.get({})).toBe(1);
    expect(get.metrics.processedRequests.get({ result: 'failure', failure_type: 'bad_request' })).toBe(1);
    const denied = setup({ auth: () => false });
    const r = await denied.handle(req('[]'));
    expect(r).toMatchObject({ status: 401, body: { error: { code: 'ERR_INGEST_UNAUTHORIZED' } } });
    expect(r.headers['WWW-Authenticate']).toMatch(/Basic/);
    expect(denied.metrics.processedRequests.get({ result: 'failure', failure_type: 'bad_request' })).toBe(1);
  });

  it('maps chain trouble to 429/503 with Retry-After and counts the failure type', async () => {
    const full = setup({ submit: async () => Promise.reject(new ChainsError('ERR_CHAINS_QUEUE_FULL', 'queue full')) });
    expect(await full.handle(req(JSON.stringify([{ EBP_METADATA: META }])))).toMatchObject({ status: 429, headers: { 'Retry-After': '5' } });
    expect(full.metrics.processedRequests.get({ result: 'failure', failure_type: 'full_queue_error' })).toBe(1);
    const down = setup({ submit: async () => Promise.reject(new ChainsError('ERR_CHAINS_UNAVAILABLE', 'store down')) });
    expect(await down.handle(req(JSON.stringify([{ EBP_METADATA: META }])))).toMatchObject({ status: 503, body: { error: { code: 'ERR_CHAINS_UNAVAILABLE', message: 'store down' } } });
    expect(down.outcomes).toEqual(['batch 503 elasticsearch_error 192.0.2.7 ms']); // the outage and request logs' input
    const dlq = setup({ reject: async () => Promise.reject(new Error('EACCES')) });
    expect(await dlq.handle(req('["x"]'))).toMatchObject({ status: 503 });
    expect(dlq.metrics.processedRequests.get({ result: 'failure', failure_type: 'dlq_error' })).toBe(1);
  });

  it('answers 500 without details for an unexpected error', async () => {
    const s = setup({ submit: async () => Promise.reject(new Error('secret internals at /var/lib')) });
    const r = await s.handle(req(JSON.stringify([{ EBP_METADATA: META }])));
    expect(r).toEqual({ status: 500, headers: {}, body: { error: { code: 'ERR_INTERNAL', message: 'internal error' } } });
    expect(s.unexpected).toHaveLength(1);
  });
});

describe('ingest authentication', () => {
  const caller = (authorization: string | null, clientCertVerified = false) => ({ authorization, clientCertVerified });
  const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

  it('basic auth: the configured user and password, or a verified client certificate', () => {
    const auth = createIngestAuthenticator({ type: 'BasicAuth', username: 'logstash', password: { kind: 'inline', value: new Secret('s3cret') } }, (src) => (src.kind === 'inline' ? src.value : new Secret('')));
    expect(auth(caller(basic('logstash', 's3cret')))).toBe(true);
    expect(auth(caller(basic('logstash', 'wrong')))).toBe(false);
    expect(auth(caller(basic('other', 's3cret')))).toBe(false);
    expect(auth(caller(null))).toBe(false);
    expect(auth(caller('Bearer x'))).toBe(false);
    expect(auth(caller(null, true))).toBe(true);
  });

  it('API keys: created once, checked against digests, revocable without restart', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'keys-')), 'ingest_api_keys');
    const auth = createIngestAuthenticator({ type: 'ApiKey', apiKeysFile: file }, () => new Secret(''));
    expect(auth(caller('ApiKey eDp5'))).toBe(false); // no file yet
    const { header } = await createApiKey(file, 'logstash-01');
    expect(fs.readFileSync(file, 'utf8')).not.toContain(header.slice(7)); // only the digest is stored
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(auth(caller(header))).toBe(true);
    expect(auth(caller(header.slice(0, -4) + 'AAAA'))).toBe(false);
    expect(auth(caller(`ApiKey ${Buffer.from('unknown:x').toString('base64')}`))).toBe(false);
    await expect(createApiKey(file, 'logstash-01')).rejects.toThrow(/already exists/);
    await expect(createApiKey(file, 'bad id')).rejects.toThrow(RangeError);
    await new Promise((r) => setTimeout(r, 20)); // a distinct mtime
    expect(await revokeApiKey(file, 'logstash-01')).toBe(true);
    expect(auth(caller(header))).toBe(false);
    expect(await revokeApiKey(file, 'logstash-01')).toBe(false);
  });

  it('an API keys file that others may write is refused with 503 on every request until it is fixed (anyone could add a key)', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'keys-')), 'ingest_api_keys');
    const auth = createIngestAuthenticator({ type: 'ApiKey', apiKeysFile: file }, () => new Secret(''));
    const { header } = await createApiKey(file, 'logstash-01');
    expect(auth(caller(header))).toBe(true);
    fs.chmodSync(file, 0o666);
    expect(() => auth(caller(header))).toThrow(expect.objectContaining({ code: 'ERR_INGEST_UNAVAILABLE', status: 503, message: expect.stringContaining('writable by every user (mode 0666)') }));
    fs.chmodSync(file, 0o600);
    expect(auth(caller(header))).toBe(true);
  });

  it('an unreadable API keys file is a 503 (retry later), not a 401 (batch dropped)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keys-')); // a directory where the file should be
    const auth = createIngestAuthenticator({ type: 'ApiKey', apiKeysFile: dir }, () => new Secret(''));
    expect(() => auth(caller('ApiKey eDp5'))).toThrow(expect.objectContaining({ code: 'ERR_INGEST_UNAVAILABLE', status: 503, message: expect.stringContaining('EISDIR') }));
  });

  it('None lets everyone send', () => {
    expect(createIngestAuthenticator({ type: 'None' }, () => new Secret(''))(caller(null))).toBe(true);
  });
});

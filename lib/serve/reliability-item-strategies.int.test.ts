// Issue 4 §8, scenarios 3–5: El Proxy's per-item strategies (reference §1.2 case 4, §7.1) driven
// through the running service against the store's real mapping and ingest behaviour:
// a mapping conflict on an unsigned field (reduced to the signed fields, indexed), on a signed
// field (DLQ, answer 200), and a missing ingest pipeline (indexed without it, tagged).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../chain';
import { iterationsOf, makeLog, makeLogs, range, seqsOf, startHarness, testChain, type Harness } from './__fixtures__/reliability-harness';

describe('per-item strategies', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ retries: 2, sleepMs: 2 });
  });
  afterEach(async () => {
    await h.close();
  });

  it('a mapping conflict on an unsigned field: re-indexed reduced to the signed fields, the chain verifies', async () => {
    const A = testChain('unsigned');
    // `host` is not in include_fields (["@timestamp", "message", "seq"]); it is mapped as an object first.
    expect((await h.post(makeLogs(A, [0, 1], { host: { name: 'web-1' } }))).status).toBe(200);
    const before = await h.metrics();

    const res = await h.post([makeLog(A, 2, { host: 'web-2' }), makeLog(A, 3, { host: { name: 'web-3' } })]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ logs: 2, indexed: 2, dlq: 0 });

    const docs = (await h.storedDocs(A)).map((d) => d.source);
    expect(seqsOf(docs)).toEqual([0, 1, 2, 3]);
    const reduced = docs[2] as JsonObject;
    // Only what is signed, @timestamp and ES_BLOCKCHAIN: the offending field, EBP_METADATA and tags are gone.
    expect(Object.keys(reduced)).toEqual(['@timestamp', 'message', 'seq', 'ES_BLOCKCHAIN']);
    expect((docs[3] as JsonObject).host).toEqual({ name: 'web-3' });
    expect((docs[3] as JsonObject).EBP_METADATA).toBeDefined();
    const verdict = h.verify(A, docs);
    expect(verdict.errors).toEqual([]);
    expect(verdict.nextIteration).toBe(4);
    expect(h.dlqLines(A)).toEqual([]);

    const m = await h.metrics();
    expect(m.since(before, 'processed_logs', { result: 'indexed' })).toBe(2);
    expect(m.since(before, 'processed_logs', { result: 'dlq' })).toBe(0);
    expect(m.since(before, 'elasticsearch_requests', { result: 'partial_failure', retry_reason: 'none' })).toBe(1);
    expect(m.since(before, 'elasticsearch_requests', { result: 'success', retry_reason: 'malformed_logs' })).toBe(1);
    expect((await h.get('/api/v1/status/dlq')).body).toMatchObject({ empty: true });
  });

  it('a mapping conflict on a signed field: the signed log goes to the DLQ in El Proxy format, answer 200', async () => {
    const A = testChain('signed');
    expect((await h.post(makeLogs(A, [0, 1]))).status).toBe(200); // `seq` mapped as long
    expect((await h.get('/api/v1/status/dlq')).body).toMatchObject({ empty: true });
    const before = await h.metrics();

    const bad = makeLog(A, 2);
    bad.seq = 'two'; // signed, and no longer a number
    const res = await h.post([bad, makeLog(A, 3)]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ logs: 2, indexed: 1, dlq: 1 });

    // {dlq_dir}/{customer}/{data_stream}-{YYYY-MM-DD}.ndjson, one {"document", "el_error"} line.
    const folder = path.join(h.dlqDir, A.customer);
    const files = fs.readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^${A.dataStream.replace(/\./g, '\\.')}-\\d{4}-\\d{2}-\\d{2}\\.ndjson$`));
    expect(files[0]).toContain(new Date().toISOString().slice(0, 10));
    expect(fs.statSync(path.join(folder, files[0] as string)).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(path.join(folder, files[0] as string), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = h.dlqLines(A);
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(Object.keys(line)).toEqual(['document', 'el_error']);
    // The document as signed (not the reduced form): EBP_METADATA and the signature block.
    expect(line.document.seq).toBe('two');
    expect(line.document.EBP_METADATA).toMatchObject({ customer: A.customer });
    expect((line.document.ES_BLOCKCHAIN as JsonObject).iteration).toBe(2);
    expect(line.el_error?.type).toBe('document_parsing_exception');
    expect(line.el_error?.reason).toContain('seq');

    // Stored logs alone miss iteration 2; with the DLQ'd log the chain is whole and verifies.
    const stored = (await h.storedDocs(A)).map((d) => d.source);
    expect(iterationsOf(stored)).toEqual([0, 1, 3]);
    const all = h.verify(A, [...stored, line.document]);
    expect(all.errors).toEqual([]);
    expect(all.nextIteration).toBe(4);
    expect(h.verify(A, stored).errors.map((e) => e.code)).toHaveLength(1);
    expect(h.keyIteration(A)).toBe(4);

    const status = await h.get('/api/v1/status/dlq');
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ empty: false, signed_files: 1 });
    const m = await h.metrics();
    expect(m.since(before, 'processed_logs', { result: 'dlq' })).toBe(1);
    expect(m.since(before, 'processed_logs', { result: 'indexed' })).toBe(1);
    expect(m.since(before, 'processed_requests', { result: 'success', failure_type: 'none' })).toBe(1);
    expect(m.since(before, 'elasticsearch_requests', { result: 'partial_failure', retry_reason: 'malformed_logs' })).toBe(1);
    expect(m.value('signet_dlq_files')).toBe(1);
    expect((await h.get('/api/v1/status/health')).body).toMatchObject({ status: 'degraded' });
  });

  it('a log without @timestamp: refused by the data stream, signed into the DLQ with the reason, answer 200', async () => {
    const A = testChain('nots');
    const bare = makeLog(A, 1);
    delete bare['@timestamp'];
    const res = await h.post([makeLog(A, 0), bare, makeLog(A, 2)]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ logs: 3, indexed: 2, dlq: 1, rejected: 0 });
    const lines = h.dlqLines(A);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.el_error).toMatchObject({ type: 'document_parsing_exception' });
    expect(lines[0]!.el_error?.reason).toContain('data stream timestamp field [@timestamp] is missing');
    // Signet does not invent the field: the DLQ holds the log as sent, with its signature.
    expect(lines[0]!.document['@timestamp']).toBeUndefined();
    expect((lines[0]!.document.ES_BLOCKCHAIN as JsonObject).iteration).toBe(1);
    const stored = (await h.storedDocs(A)).map((d) => d.source);
    expect(iterationsOf(stored)).toEqual([0, 2]);
    expect(h.verify(A, [...stored, lines[0]!.document]).errors).toEqual([]);
  });

  it('a request pipeline that does not exist: indexed without it, tagged _ebp_remove_pipeline', async () => {
    const A = testChain('reqpipe');
    const before = await h.metrics();
    const res = await h.post([makeLog(A, 0, { tags: ['auth'] }, { pipeline: 'no-such-pipeline' }), makeLog(A, 1)]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ indexed: 2, dlq: 0 });
    const docs = (await h.storedDocs(A)).map((d) => d.source);
    expect(seqsOf(docs)).toEqual([0, 1]);
    expect((docs[0] as JsonObject).tags).toEqual(['auth', '_ebp_remove_pipeline']);
    expect((docs[0] as JsonObject).EBP_METADATA).toMatchObject({ pipeline: 'no-such-pipeline' });
    expect((docs[1] as JsonObject).tags).toBeUndefined();
    expect(h.verify(A, docs).errors).toEqual([]);
    const m = await h.metrics();
    expect(m.since(before, 'elasticsearch_requests', { result: 'success', retry_reason: 'pipeline' })).toBe(1);
    expect(m.since(before, 'processed_logs', { result: 'indexed' })).toBe(2);
  });

  it('a default_pipeline (from an index template) that does not exist: indexed without it, tagged _ebp_remove_pipeline', async () => {
    const A = testChain('dfltpipe');
    // An operator's template, above Signet's (510–700), naming a pipeline that was never created.
    const put = await h.esRequest('PUT', '/_index_template/broken-default-pipeline', {
      index_patterns: [`*-*-${A.name}`],
      priority: 900,
      data_stream: {},
      composed_of: ['el-proxy-mappings'],
      template: { settings: { 'index.default_pipeline': 'missing-default' } },
    });
    expect(put.status).toBe(200);
    const before = await h.metrics();
    const res = await h.post(makeLogs(A, range(0, 3)));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ indexed: 3, dlq: 0 });
    const docs = (await h.storedDocs(A)).map((d) => d.source);
    expect(seqsOf(docs)).toEqual([0, 1, 2]);
    for (const d of docs) {
      expect(d.tags).toEqual(['_ebp_remove_pipeline']);
      expect(d.EBP_METADATA).toBeDefined(); // not reduced: only the pipeline was in the way
    }
    expect(h.verify(A, docs).errors).toEqual([]);
    expect(h.dlqLines(A)).toEqual([]);
    const m = await h.metrics();
    expect(m.since(before, 'elasticsearch_requests', { result: 'partial_failure', retry_reason: 'none' })).toBe(1);
    expect(m.since(before, 'elasticsearch_requests', { result: 'success', retry_reason: 'pipeline' })).toBe(1);
  });

  it('a pipeline that exists but fails on an unsigned field: reduced to the signed fields and indexed', async () => {
    const A = testChain('failpipe');
    // Lowercasing a non-string field fails (El Proxy's own example for the reduction).
    expect((await h.esRequest('PUT', '/_ingest/pipeline/lower-user', { processors: [{ lowercase: { field: 'user' } }] })).status).toBe(200);
    const res = await h.post([makeLog(A, 0, { user: 'ALICE' }, { pipeline: 'lower-user' }), makeLog(A, 1, { user: { id: 7 } }, { pipeline: 'lower-user' })]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ indexed: 2, dlq: 0 });
    const docs = (await h.storedDocs(A)).map((d) => d.source);
    expect((docs[0] as JsonObject).user).toBe('alice');
    expect(Object.keys(docs[1] as JsonObject)).toEqual(['@timestamp', 'message', 'seq', 'ES_BLOCKCHAIN']);
    expect(h.verify(A, docs).errors).toEqual([]);
  });
});

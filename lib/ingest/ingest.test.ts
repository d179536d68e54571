import { describe, expect, it } from 'vitest';
import { gzipSync, deflateSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { InflightBudget, IngestError, parseLogs, readBody, resolveLogTarget } from './index';
import { LosslessNumber } from '../chain';

const stream = (...chunks: (string | Buffer)[]) => Readable.from(chunks.map((c) => Buffer.from(c)));
const code = async (p: Promise<unknown>): Promise<string | undefined> => p.then(() => undefined, (e: unknown) => (e instanceof IngestError ? `${e.code}:${e.status}` : String(e)));

describe('readBody', () => {
  it('reads plain, gzip and deflate bodies', async () => {
    expect((await readBody(stream('[1,', '2]'), {}, { maxBytes: 100 })).toString()).toBe('[1,2]');
    expect((await readBody(stream(gzipSync('[{"a":1}]')), { contentEncoding: 'gzip' }, { maxBytes: 100 })).toString()).toBe('[{"a":1}]');
    expect((await readBody(stream(deflateSync('[]')), { contentEncoding: 'Deflate' }, { maxBytes: 100 })).toString()).toBe('[]');
    expect((await readBody(null, {}, { maxBytes: 10 })).length).toBe(0);
  });

  it('refuses too-large bodies before and while reading (413)', async () => {
    expect(await code(readBody(stream('x'), { contentLength: '101' }, { maxBytes: 100 }))).toBe('ERR_INGEST_TOO_LARGE:413');
    expect(await code(readBody(stream('x'.repeat(60), 'y'.repeat(60)), {}, { maxBytes: 100 }))).toBe('ERR_INGEST_TOO_LARGE:413');
  });

  it('bounds decompression: a gzip bomb is a 413, not an allocation', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024)); // 50 MB of zeros in ~50 KB
    expect(bomb.length).toBeLessThan(100_000);
    expect(await code(readBody(stream(bomb), { contentEncoding: 'gzip' }, { maxBytes: 1024 * 1024 }))).toBe('ERR_INGEST_TOO_LARGE:413');
  });

  it('refuses corrupt compressed bodies (400) and unknown encodings (415)', async () => {
    expect(await code(readBody(stream('not gzip'), { contentEncoding: 'gzip' }, { maxBytes: 100 }))).toBe('ERR_INGEST_MALFORMED:400');
    expect(await code(readBody(stream('x'), { contentEncoding: 'br' }, { maxBytes: 100 }))).toBe('ERR_INGEST_UNSUPPORTED_ENCODING:415');
  });
});

describe('InflightBudget', () => {
  it('holds what requests took, refuses what would go over the bound (429), gives back on close', () => {
    const budget = new InflightBudget(100);
    const a = budget.open();
    const b = budget.open();
    a.take(60);
    b.take(40);
    expect(budget.inUse()).toBe(100);
    let refused: unknown;
    try {
      b.take(1);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(IngestError);
    expect(refused).toMatchObject({ code: 'ERR_INGEST_QUEUE_FULL', status: 429, message: 'Signet already holds 100 bytes of request bodies in flight (web_server.max_inflight_bytes = 100); send the batch again later' });
    expect(budget.inUse()).toBe(100); // a refused take holds nothing
    a.give(500); // never more than the ticket holds
    expect(budget.inUse()).toBe(40);
    a.close();
    b.close();
    b.close();
    expect(budget.inUse()).toBe(0);
    expect(() => new InflightBudget(0)).toThrow(TypeError);
  });

  it('readBody charges the memory the body takes: its declared length, or the buffer as it grows, and for a compressed body the inflated output instead', async () => {
    const budget = new InflightBudget(100_000);
    const t = budget.open();
    await readBody(stream('x'.repeat(300), 'y'.repeat(200)), { contentLength: '500' }, { maxBytes: 100_000, ticket: t });
    expect(budget.inUse()).toBe(500);
    t.close();
    // Chunked (no length): a buffer that doubles, never more than twice the body (or 16 KB).
    const c = budget.open();
    expect((await readBody(stream(...Array.from({ length: 40_000 }, () => 'a')), {}, { maxBytes: 100_000, ticket: c })).length).toBe(40_000);
    expect(budget.inUse()).toBe(65_536);
    c.close();
    const gz = gzipSync('z'.repeat(30_000));
    const g = budget.open();
    expect((await readBody(stream(gz), { contentEncoding: 'gzip', contentLength: String(gz.length) }, { maxBytes: 100_000, ticket: g })).length).toBe(30_000);
    expect(budget.inUse()).toBe(30_000); // the compressed body given back, the inflated buffer held
    // A second request while that is held: refused as its buffer grows, nothing kept for it.
    const h = budget.open();
    expect(await code(readBody(stream('a'.repeat(100_000)), { contentLength: '100000' }, { maxBytes: 200_000, ticket: h }))).toBe('ERR_INGEST_QUEUE_FULL:429');
    h.close();
    g.close();
    expect(budget.inUse()).toBe(0);
  });

  it('charges a compressed body as it inflates: many small gzip bodies cannot each take max_body_bytes past the bound (found in review)', async () => {
    const budget = new InflightBudget(3.5 * 1024 * 1024); // one inflated body (2 MB), not two
    const bomb = gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x20)); // ~2 KB on the wire, 2 MB inflated
    const tickets = [budget.open(), budget.open()];
    const results = await Promise.all(tickets.map((t) => readBody(stream(bomb), { contentEncoding: 'gzip' }, { maxBytes: 4 * 1024 * 1024, ticket: t }).then(() => 'ok', (e: IngestError) => `${e.code}:${e.status}`)));
    expect(results.sort()).toEqual(['ERR_INGEST_QUEUE_FULL:429', 'ok']);
    expect(budget.inUse()).toBeLessThanOrEqual(3.5 * 1024 * 1024);
    tickets.forEach((t) => t.close());
    expect(budget.inUse()).toBe(0);
  });

  it('charges the inflated output as it grows, before each allocation, not once it is all in memory', async () => {
    const takes: number[] = [];
    const budget = new InflightBudget(1024 * 1024);
    const inner = budget.open();
    const spy = { take: (n: number) => (takes.push(n), inner.take(n)), give: inner.give, close: inner.close };
    const bomb = gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x20));
    expect(await code(readBody(stream(bomb), { contentEncoding: 'gzip', contentLength: String(bomb.length) }, { maxBytes: 4 * 1024 * 1024, ticket: spy }))).toBe('ERR_INGEST_QUEUE_FULL:429');
    // The refusal came at the growth past the bound (to 1 MB of output), not after 2 MB were inflated.
    expect(Math.max(...takes)).toBeLessThanOrEqual(512 * 1024);
    expect(takes.length).toBeGreaterThanOrEqual(4);
    spy.close();
  });
});

describe('parseLogs', () => {
  it('keeps each log value and its exact text', () => {
    const body = Buffer.from(' [ {"n":9007199254740993, "d":1.50} , {"m":"é"} ]');
    const logs = parseLogs(body, 'batch');
    expect(logs.map((l) => l.raw)).toEqual(['{"n":9007199254740993, "d":1.50}', '{"m":"é"}']);
    expect(logs.map((l) => l.at)).toEqual([3, 38]);
    expect((logs[0]!.value as Record<string, unknown>).n).toBeInstanceOf(LosslessNumber);
    expect(parseLogs(Buffer.from(' {"entry":"A log message"} '), 'single')).toEqual([{ value: { entry: 'A log message' }, raw: '{"entry":"A log message"}', at: 1 }]);
    expect(parseLogs(Buffer.from('[]'), 'batch')).toEqual([]);
  });

  it.each([
    ['not JSON', '[{"a":1', /not valid JSON: Invalid JSON at position/],
    ['not an array', '{"a":1}', /must be a JSON array of logs/],
    ['too deep', '['.repeat(300) + ']'.repeat(300), /nested too deeply/],
    ['duplicate keys', '[{"a":1,"a":2}]', /duplicate key "a"/],
  ])('refuses a batch body that is %s with 400 naming the problem', (_n, body, message) => {
    let err: unknown;
    try {
      parseLogs(Buffer.from(body), 'batch');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).status).toBe(400);
    expect((err as IngestError).message).toMatch(message);
  });

  it('refuses invalid UTF-8 with 400', () => {
    expect(() => parseLogs(Buffer.from([0x5b, 0x22, 0xff, 0x22, 0x5d]), 'batch')).toThrow(/not valid UTF-8/);
  });
});

describe('resolveLogTarget', () => {
  const meta = { agent: { type: 'auditbeat', version: '7.10.1' }, customer: 'neteye', retention: '6_months', blockchain_tag: '0' };

  it("names the data stream as El Proxy does (reference §2.3)", () => {
    const r = resolveLogTarget({ value: 'x', EBP_METADATA: { ...meta, pipeline: 'my_es_ingest_pipeline' } }, 'elproxysigned');
    expect(r).toEqual({
      target: { identity: { module: 'elproxysigned', customer: 'neteye', retention: '6_months', tag: '0' }, dataStream: 'auditbeat-7.10.1-elproxysigned-neteye-6_months-0', pipeline: 'my_es_ingest_pipeline' },
      log: expect.any(Object),
    });
    const fleet = resolveLogTarget({ EBP_METADATA: { ...meta, agent: undefined, data_stream: { type: 'logs', dataset: 'nginx.access' }, event: { module: 'custom' }, blockchain_tag: 3 } } as never, 'elproxysigned');
    expect(fleet).toMatchObject({ target: { dataStream: 'logs-nginx.access-custom-neteye-6_months-3', identity: { module: 'custom', tag: '3' } } });
    expect(resolveLogTarget({ EBP_METADATA: { ...meta, agent: { type: 'filebeat' }, pipeline: '' } }, 'elproxysigned')).toMatchObject({ target: { dataStream: 'filebeat-unknown-elproxysigned-neteye-6_months-0', pipeline: null } });
  });

  it.each([
    ['a non-object log', 'x', /JSON object/],
    ['no EBP_METADATA', { a: 1 }, /EBP_METADATA is missing/],
    ['EBP_METADATA not an object', { EBP_METADATA: [1] }, /must be an object/],
    ['missing customer', { EBP_METADATA: { ...meta, customer: undefined } }, /customer is missing/],
    ['upper case', { EBP_METADATA: { ...meta, customer: 'NetEye' } }, /customer may contain only lowercase/],
    ['a slash', { EBP_METADATA: { ...meta, retention: '6/months' } }, /retention may contain only/],
    ['dot-dot', { EBP_METADATA: { ...meta, customer: 'a..b' } }, /must not contain "\.\."/],
    ['a dash', { EBP_METADATA: { ...meta, blockchain_tag: 'a-b' } }, /blockchain_tag/],
    ['a number customer', { EBP_METADATA: { ...meta, customer: 5 } }, /customer must be a string/],
    ['a negative tag', { EBP_METADATA: { ...meta, blockchain_tag: -1 } }, /blockchain_tag must be a string/],
    ['a bad pipeline', { EBP_METADATA: { ...meta, pipeline: 'a b' } }, /pipeline must be an ingest pipeline id/],
    ['half a data_stream', { EBP_METADATA: { ...meta, data_stream: { type: 'logs' } } }, /data_stream.dataset is missing/],
    ['ES_BLOCKCHAIN already present', { ES_BLOCKCHAIN: {}, EBP_METADATA: meta }, /already contains ES_BLOCKCHAIN/],
    ['too long a name', { EBP_METADATA: { ...meta, agent: { type: 'a'.repeat(64), version: 'b'.repeat(64) }, customer: 'c'.repeat(64) } }, /longer than 200/],
  ])('rejects %s with a reason', (_n, log, reason) => {
    const r = resolveLogTarget(log as never, 'elproxysigned');
    expect(r).toHaveProperty('reason');
    expect((r as { reason: string }).reason).toMatch(reason);
  });

  it('lists every metadata problem at once', () => {
    const r = resolveLogTarget({ EBP_METADATA: { agent: { type: 'X' }, retention: 7 } }, 'elproxysigned') as { reason: string };
    expect(r.reason.split('; ')).toHaveLength(4); // agent.type, customer, retention, blockchain_tag
  });

  it('refuses a data stream name Elasticsearch would refuse (leading "_"), naming the field', () => {
    expect(resolveLogTarget({ EBP_METADATA: { ...meta, agent: { type: '_hidden' } } }, 'elproxysigned')).toEqual({ reason: expect.stringMatching(/^EBP_METADATA\.agent\.type must not start with "_"/) });
    expect(resolveLogTarget({ EBP_METADATA: { ...meta, data_stream: { type: '_logs', dataset: 'x' } } }, 'elproxysigned')).toEqual({ reason: expect.stringMatching(/^EBP_METADATA\.data_stream\.type must not start with "_"/) });
    // Only the first part matters: "_" inside the name is fine.
    expect(resolveLogTarget({ EBP_METADATA: { ...meta, customer: '_acme' } }, 'elproxysigned')).toMatchObject({ target: { dataStream: 'auditbeat-7.10.1-elproxysigned-_acme-6_months-0' } });
  });
});

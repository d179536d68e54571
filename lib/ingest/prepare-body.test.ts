import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize, compileFieldSelector, parseJson, selectFields, type JsonObject } from '../chain';
import type { RoutedLog } from '../chains';
import { createSignetMetrics } from '../metrics';
import { createIngestService } from './ingest-service';
import { IngestError } from './ingest-error';
import { prepareBody } from './prepare-body';

const selector = compileFieldSelector(['message', 'host.name']);
const META = { agent: { type: 'filebeat' }, customer: 'acme', retention: '6_months', blockchain_tag: '0' };

/** What signing would do with the log's signed fields: the reference prepareBody must agree with. */
function canonicalizes(log: JsonObject): boolean {
  try {
    canonicalize(selectFields(log, selector));
    return true;
  } catch {
    return false;
  }
}

const meta = JSON.stringify(META);
const reasonOf = (raw: string): string | null => {
  const [p] = prepareBody(Buffer.from(`[${raw}]`), 'batch', 'elproxysigned', selector);
  return p !== undefined && 'reason' in p ? p.reason : null;
};

describe('prepareBody', () => {
  it('routes each log and gives the exact text its MAC will cover', () => {
    const a = `{"host":{"name":"h","ip":"192.0.2.1"},"message":"m","EBP_METADATA":${meta}}`;
    const logs = prepareBody(Buffer.from(`[${a} , {"message":"no metadata"}]`), 'batch', 'elproxysigned', selector);
    expect(logs).toEqual([
      { raw: a, at: 1, identity: { module: 'elproxysigned', customer: 'acme', retention: '6_months', tag: '0' }, dataStream: 'filebeat-unknown-elproxysigned-acme-6_months-0', pipeline: null, canonicalFields: '{"host":{"name":"h"},"message":"m"}' },
      { raw: '{"message":"no metadata"}', at: a.length + 4, reason: 'EBP_METADATA is missing' },
    ]);
    // Without a selector nothing is canonicalized.
    const [plain] = prepareBody(Buffer.from(a), 'single', 'elproxysigned', undefined);
    expect(plain).toEqual({ raw: a, at: 0, identity: expect.any(Object), dataStream: 'filebeat-unknown-elproxysigned-acme-6_months-0', pipeline: null, canonicalFields: undefined });
  });

  it('gives on its batch fast path what the reference path gives each log alone (property)', () => {
    // 'single' bodies always take the reference path (parse, EBP_METADATA, canonicalFieldsOf).
    const metas = [META, { ...META, customer: 'ACME' }, { ...META, retention: '../x' }, { ...META, blockchain_tag: 7 }, { ...META, agent: { type: 'a', version: '8.1' }, pipeline: 'p-1' }, { ...META, pipeline: 'bad pipeline' }, { customer: 'c' }, { ...META, data_stream: { type: 'logs', dataset: 'd' } }, 'not an object'];
    const metaText = fc.oneof(fc.constantFrom(...metas.map((m) => JSON.stringify(m))), fc.constant(String.raw`{"agent":{"type":"filebeat"},"customer":"acme","retention":"6_months","blockchain_tag":"0"}`));
    const member = fc.oneof(
      fc.constantFrom('"message":"m"', String.raw`"message":"a\\b\"c\n"`, String.raw`"message":"\u0041\/"`, '"message":1e999999', '"message":1.50', '"host":{"name":"h","ip":"x"}', '"host":[1]', '"host.name":"dotted"', '"other":1e999999', '"ES_BLOCKCHAIN":{}', String.raw`"t\u0061g":"esc"`),
      metaText.map((m) => `"EBP_METADATA":${m}`),
    );
    const log = fc.oneof({ weight: 6, arbitrary: fc.uniqueArray(member, { maxLength: 5, selector: (m) => m.slice(0, m.indexOf('":')) }).map((ms) => `{${ms.join(',')}}`) }, { weight: 1, arbitrary: fc.constantFrom('1', '"s"', '[]', 'null') });
    const selectors = [selector, compileFieldSelector(['message', 'EBP_METADATA.customer', 'tag']), compileFieldSelector(['host', 'tag'])];
    fc.assert(
      fc.property(fc.array(log, { minLength: 1, maxLength: 5 }), fc.constantFrom(...selectors), (logs, sel) => {
        const body = `[${logs.join(' ,\n')}]`;
        const batch = prepareBody(Buffer.from(body), 'batch', 'elproxysigned', sel);
        expect(batch.map((l) => ({ ...l, at: 0 }))).toEqual(logs.map((raw) => prepareBody(Buffer.from(raw), 'single', 'elproxysigned', sel)[0]));
        expect(batch.map((l) => body.slice(l.at, l.at + l.raw.length))).toEqual(logs);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a malformed body as a whole', () => {
    expect(() => prepareBody(Buffer.from('[{"a":1},'), 'batch', 'm', selector)).toThrow(IngestError);
    expect(() => prepareBody(Buffer.from('{"a":1}'), 'batch', 'm', selector)).toThrow(/JSON array/);
  });

  it('names a signed number with no canonical form', () => {
    for (const lit of ['1e2000', '1e99999999', '-2.5e-1500', '7'.repeat(1200), `${'9'.repeat(200)}e950`, `0.${'0'.repeat(1100)}1`]) {
      expect(reasonOf(`{"message":${lit},"EBP_METADATA":${meta}}`)).toMatch(/^a signed field cannot be signed: .*(too long|out of range)/);
    }
  });

  it('accepts big numbers that have one, and any number outside the signed fields', () => {
    for (const raw of ['{"message":1e999}', '{"message":0e100000000}', `{"message":${'3'.repeat(1000)}}`, '{"other":1e2000,"message":"m"}', '{"host":{"ip":1e5000,"name":"h"}}']) {
      expect(reasonOf(`${raw.slice(0, -1)},"EBP_METADATA":${meta}}`)).toBeNull();
    }
  });

  it('agrees with canonicalize on generated number literals', () => {
    const run = fc.oneof(fc.stringMatching(/^[0-9]{1,5}$/), fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 1_200 })).map(([d, n]) => `${d}${'7'.repeat(n)}`));
    const exponent = fc.oneof(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 100, max: 999 }), fc.integer({ min: 1_000, max: 1_200 }), fc.stringMatching(/^[0-9]{8,9}$/));
    const literal = fc
      .tuple(fc.boolean(), run, fc.option(run, { nil: undefined }), fc.option(fc.tuple(fc.constantFrom('e', 'E+', 'e-', 'E-0'), exponent), { nil: undefined }))
      .map(([neg, int, frac, exp]) => `${neg ? '-' : ''}${int.replace(/^0+(?=\d)/, '')}${frac === undefined ? '' : `.${frac}`}${exp === undefined ? '' : `${exp[0]}${exp[1]}`}`);
    fc.assert(
      fc.property(literal, (lit) => {
        const raw = `{"message":${lit},"host":{"name":"h"},"EBP_METADATA":${meta}}`;
        const log = parseJson(raw) as JsonObject;
        expect(reasonOf(raw) === null).toBe(canonicalizes(log));
      }),
      { seed: 0x51_6e, numRuns: 1_000 },
    );
  });
});

describe('ingest service with the signed-field selector', () => {
  it('rejects a log whose signed number has no canonical form and signs the rest of the batch', async () => {
    const submitted: RoutedLog[] = [];
    const rejected: { rawText: string; reason: string }[] = [];
    const handle = createIngestService({
      maxBodyBytes: 100_000,
      module: 'elproxysigned',
      selector: () => selector,
      authenticate: () => true,
      submit: async (l) => (submitted.push(...l), { indexed: l.length, dlq: 0 }),
      reject: async (e) => void rejected.push(...e),
      metrics: createSignetMetrics({ chains: () => [], dlqFiles: () => 0 }),
    });
    const body = `[{"message":"ok","EBP_METADATA":${JSON.stringify(META)}},{"message":1e2000,"EBP_METADATA":${JSON.stringify(META)}}]`;
    const r = await handle({ kind: 'batch', method: 'POST', headers: { get: () => null }, body: Readable.from([Buffer.from(body)]), caller: { authorization: null, clientCertVerified: false }, remote: null });
    expect(r).toMatchObject({ status: 200, body: { logs: 2, indexed: 1, rejected: 1 } });
    expect(submitted.map((l) => l.raw)).toEqual([`{"message":"ok","EBP_METADATA":${JSON.stringify(META)}}`]);
    expect(rejected).toEqual([expect.objectContaining({ rawText: `{"message":1e2000,"EBP_METADATA":${JSON.stringify(META)}}`, reason: expect.stringMatching(/cannot be signed/) })]);
  });
});

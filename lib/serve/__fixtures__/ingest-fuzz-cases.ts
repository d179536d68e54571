// Generated request bodies for El Proxy's ingest endpoints (issue 4 §7 "Bad input"): fast-check
// arbitraries of *plans*, rendered to bytes with a case id so that every log that must land in
// the rejected area can be found there afterwards. Each case carries what the server must answer.
import { deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { INGEST_MAX_DEPTH } from '../../ingest';

/** Chains the valid logs go to: `elproxysigned-fz{c}-6_months-{t}`. */
export const FUZZ_CHAINS = [
  { customer: 'fz0', tag: '0' },
  { customer: 'fz0', tag: '1' },
  { customer: 'fz1', tag: '0' },
  { customer: 'fz1', tag: 'b.2' },
] as const;

/** web_server.max_body_bytes of the fuzzed server: small, so that bombs and oversized bodies are cheap. */
export const FUZZ_MAX_BODY_BYTES = 64 * 1024;

export interface FuzzCase {
  readonly id: number;
  readonly category: string;
  readonly path: '/api/log' | '/api/log_batch';
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
  /** Send without Content-Length (chunked), so the size limit is met while reading. */
  readonly chunked: boolean;
  /** Allowed statuses. */
  readonly status: readonly number[];
  /** When the body is well-formed: the answer's exact counts. */
  readonly counts?: { logs: number; valid: number; rejected: number; chains: readonly string[] };
  /** Rejected logs that carry a marker (`fz`), with the reason they must be stored with. */
  readonly rejectedMarkers: readonly { marker: string; reason: RegExp }[];
  /** Markers of the valid logs (well-formed cases): each must be stored exactly once. */
  readonly signedMarkers: readonly string[];
}

// ---- logs -------------------------------------------------------------------------------

type LogPlan =
  | { v: 'valid'; chain: number; message: string; seq: string; tagAsNumber: boolean; extra: unknown; pretty: boolean }
  | { v: 'non-object'; value: unknown }
  | { v: 'no-meta' }
  | { v: 'meta-not-object'; meta: unknown }
  | { v: 'bad-name'; field: NameField; value: string }
  | { v: 'missing'; field: 'customer' | 'retention' | 'blockchain_tag' | 'agent.type' }
  | { v: 'bad-tag'; literal: string }
  | { v: 'has-blockchain' }
  | { v: 'bad-pipeline'; value: string }
  | { v: 'unsignable-number'; literal: string }
  | { v: 'fleet'; chain: number }
  | { v: 'fleet-partial' }
  | { v: 'underscore-head'; fleet: boolean };

type NameField = 'customer' | 'retention' | 'blockchain_tag' | 'agent.type' | 'event.module' | 'agent.version';

const BAD_NAMES = ['a/b', '../x', '..', 'a..b', 'Acme', 'ACME', '', '.hidden', 'a b', 'ä', 'x'.repeat(65), 'a\\b', 'a:b', 'a*', 'a-b', '\u0000', '/', 'C:', '%2e%2e'];
/** Number literals the lossless parser keeps exactly and the signing format can encode. */
const SIGNABLE_NUMBERS = ['0', '-0', '0e100000000', '1e999', '1'.padEnd(900, '3'), '1.50', '9007199254740993', '123456789012345678901234567890', '1e400', '-1e-300', '1E+2', '0.1', '-12.5e-3', String(2 ** 53)];
/** Number literals whose plain form is too long to sign (MAX_CANONICAL_NUMBER_LENGTH). */
const UNSIGNABLE_NUMBERS = ['1e2000', '1e99999999', '-2.5e-1500', '1'.padEnd(1200, '7'), `${'9'.repeat(200)}e950`, `0.${'0'.repeat(1100)}1`];

const json = (v: unknown): string => JSON.stringify(v);

const logPlan: fc.Arbitrary<LogPlan> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ v: fc.constant('valid' as const), chain: fc.nat(FUZZ_CHAINS.length - 1), message: fc.string({ unit: 'binary', maxLength: 40 }), seq: fc.oneof(fc.nat().map(String), fc.constantFrom(...SIGNABLE_NUMBERS)), tagAsNumber: fc.boolean(), extra: fc.jsonValue({ maxDepth: 3 }), pretty: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ v: fc.constant('non-object' as const), value: fc.oneof(fc.integer(), fc.string({ maxLength: 10 }), fc.constant(null), fc.boolean(), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 })) }) },
  { weight: 1, arbitrary: fc.constant({ v: 'no-meta' as const }) },
  { weight: 1, arbitrary: fc.record({ v: fc.constant('meta-not-object' as const), meta: fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null), fc.constant([]), fc.boolean()) }) },
  { weight: 2, arbitrary: fc.record({ v: fc.constant('bad-name' as const), field: fc.constantFrom<NameField>('customer', 'retention', 'blockchain_tag', 'agent.type', 'event.module', 'agent.version'), value: fc.constantFrom(...BAD_NAMES) }) },
  { weight: 1, arbitrary: fc.record({ v: fc.constant('missing' as const), field: fc.constantFrom('customer' as const, 'retention' as const, 'blockchain_tag' as const, 'agent.type' as const) }) },
  { weight: 1, arbitrary: fc.record({ v: fc.constant('bad-tag' as const), literal: fc.constantFrom('-1', '1.5', '1e30', '9007199254740993', 'true', '{}', '[0]') }) },
  { weight: 1, arbitrary: fc.constant({ v: 'has-blockchain' as const }) },
  { weight: 1, arbitrary: fc.record({ v: fc.constant('bad-pipeline' as const), value: fc.constantFrom('a b', 'x/y', 'p'.repeat(256), '☃') }) },
  { weight: 1, arbitrary: fc.record({ v: fc.constant('unsignable-number' as const), literal: fc.constantFrom(...UNSIGNABLE_NUMBERS) }) },
  { weight: 1, arbitrary: fc.record({ v: fc.constant('fleet' as const), chain: fc.nat(FUZZ_CHAINS.length - 1) }) },
  { weight: 1, arbitrary: fc.constant({ v: 'fleet-partial' as const }) },
  { weight: 1, arbitrary: fc.record({ v: fc.constant('underscore-head' as const), fleet: fc.boolean() }) },
);

function meta(chain: number, tagAsNumber = false): Record<string, unknown> {
  const c = FUZZ_CHAINS[chain] as (typeof FUZZ_CHAINS)[number];
  const tag: unknown = tagAsNumber && /^\d+$/.test(c.tag) ? Number(c.tag) : c.tag;
  return { agent: { type: 'fuzz', version: '1.0.0' }, customer: c.customer, retention: '6_months', blockchain_tag: tag };
}

export function chainOf(chain: number): string {
  const c = FUZZ_CHAINS[chain] as (typeof FUZZ_CHAINS)[number];
  return `elproxysigned-${c.customer}-6_months-${c.tag}`;
}

/** A log's text, and what it must become: signed into `chain`, or rejected for `reason`. */
function renderLog(p: LogPlan, marker: string): { text: string; chain?: string; reason?: RegExp; marked: boolean } {
  const base = { '@timestamp': '2026-12-06T10:00:00.000Z', fz: marker };
  switch (p.v) {
    case 'valid': {
      const obj = { ...base, message: p.message, seq: '@SEQ@', x: p.extra, EBP_METADATA: meta(p.chain, p.tagAsNumber) };
      const text = JSON.stringify(obj, null, p.pretty ? 2 : undefined).replace('"@SEQ@"', p.seq);
      return { text, chain: chainOf(p.chain), marked: true };
    }
    case 'non-object':
      return { text: json(p.value), reason: /a log must be a JSON object/, marked: false };
    case 'no-meta':
      return { text: json({ ...base, message: 'm' }), reason: /EBP_METADATA is missing/, marked: true };
    case 'meta-not-object':
      return { text: json({ ...base, EBP_METADATA: p.meta }), reason: /EBP_METADATA must be an object/, marked: true };
    case 'bad-name': {
      const m = meta(0) as { agent: Record<string, unknown>; event?: Record<string, unknown> } & Record<string, unknown>;
      if (p.field === 'agent.type') m.agent.type = p.value;
      else if (p.field === 'agent.version') m.agent.version = p.value;
      else if (p.field === 'event.module') m.event = { module: p.value };
      else m[p.field] = p.value;
      const field = p.field.replace('.', '\\.');
      // The name may also fail for the data stream length; both are reasons to reject.
      return { text: json({ ...base, EBP_METADATA: m }), reason: new RegExp(`EBP_METADATA\\.${field} (must|may)`), marked: true };
    }
    case 'missing': {
      const m = meta(0) as { agent: Record<string, unknown> } & Record<string, unknown>;
      if (p.field === 'agent.type') delete m.agent.type;
      else delete m[p.field];
      return { text: json({ ...base, EBP_METADATA: m }), reason: new RegExp(`EBP_METADATA\\.${p.field.replace('.', '\\.')} is missing`), marked: true };
    }
    case 'bad-tag':
      return { text: json({ ...base, EBP_METADATA: { ...meta(0), blockchain_tag: '@TAG@' } }).replace('"@TAG@"', p.literal), reason: /EBP_METADATA\.blockchain_tag must be a string/, marked: true };
    case 'has-blockchain':
      return { text: json({ ...base, ES_BLOCKCHAIN: { iteration: 0 }, EBP_METADATA: meta(0) }), reason: /already contains ES_BLOCKCHAIN/, marked: true };
    case 'bad-pipeline':
      return { text: json({ ...base, EBP_METADATA: { ...meta(0), pipeline: p.value } }), reason: /EBP_METADATA\.pipeline must be/, marked: true };
    case 'fleet': {
      // Fleet's naming: data_stream.type and dataset replace the agent in the data stream name.
      const { agent: _agent, ...rest } = meta(p.chain);
      return { text: json({ ...base, message: 'fleet', EBP_METADATA: { ...rest, data_stream: { type: 'logs', dataset: 'system.auth' } } }), chain: chainOf(p.chain), marked: true };
    }
    case 'fleet-partial':
      return { text: json({ ...base, EBP_METADATA: { ...meta(0), data_stream: { type: 'logs' } } }), reason: /EBP_METADATA\.data_stream\.dataset is missing/, marked: true };
    case 'underscore-head': {
      const m = p.fleet ? { ...meta(0), data_stream: { type: '_logs', dataset: 'x' } } : { ...meta(0), agent: { type: '_fuzz' } };
      return { text: json({ ...base, EBP_METADATA: m }), reason: /must not start with "_"/, marked: true };
    }
    case 'unsignable-number':
      // `message` is a signed field: its number cannot be put in canonical form.
      return { text: json({ ...base, message: '@N@', EBP_METADATA: meta(0) }).replace('"@N@"', p.literal), reason: /cannot be signed/, marked: true };
  }
}

// ---- bodies ------------------------------------------------------------------------------

type Kind = 'single' | 'batch';
const kindArb = fc.constantFrom<Kind>('single', 'batch');

type Plan =
  | { t: 'bytes'; kind: Kind; bytes: Uint8Array }
  | { t: 'text'; kind: Kind; text: string }
  | { t: 'json-value'; kind: Kind; value: unknown }
  | { t: 'truncated'; kind: Kind; logs: LogPlan[]; cut: number }
  | { t: 'mutated'; kind: Kind; logs: LogPlan[]; at: number; byte: number; op: 'flip' | 'insert' | 'delete' }
  | { t: 'deep'; kind: Kind; depth: number; inLog: boolean }
  | { t: 'surrogate'; kind: Kind; mode: 'escape' | 'cesu' | 'low-escape' | 'overlong' }
  | { t: 'well-formed'; kind: Kind; logs: LogPlan[]; encoding: 'identity' | 'gzip' | 'deflate' | 'x-gzip' | 'GZIP'; contentType: string | null }
  | { t: 'corrupt-compressed'; kind: Kind; encoding: 'gzip' | 'deflate'; logs: LogPlan[]; cut: number }
  | { t: 'bomb'; kind: Kind; encoding: 'gzip' | 'deflate' }
  | { t: 'unknown-encoding'; kind: Kind; encoding: string }
  | { t: 'too-large'; kind: Kind; chunked: boolean }
  | { t: 'method'; kind: Kind; method: string };

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/x-ndjson', 'multipart/form-data; boundary=x', 'garbage/x'];
const logsArb = fc.array(logPlan, { minLength: 0, maxLength: 6 });

/** Hostile bodies: random, broken, oversized, mis-encoded. */
export const hostilePlan: fc.Arbitrary<Plan> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ t: fc.constant('bytes' as const), kind: kindArb, bytes: fc.uint8Array({ maxLength: 300 }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('text' as const), kind: kindArb, text: fc.string({ unit: 'binary', maxLength: 200 }) }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('json-value' as const), kind: kindArb, value: fc.jsonValue({ maxDepth: 4 }) }) },
  { weight: 5, arbitrary: fc.record({ t: fc.constant('truncated' as const), kind: kindArb, logs: fc.array(logPlan, { minLength: 1, maxLength: 4 }), cut: fc.double({ min: 0, max: 0.999, noNaN: true }) }) },
  { weight: 5, arbitrary: fc.record({ t: fc.constant('mutated' as const), kind: kindArb, logs: fc.array(logPlan, { minLength: 1, maxLength: 4 }), at: fc.double({ min: 0, max: 0.999, noNaN: true }), byte: fc.nat(255), op: fc.constantFrom('flip' as const, 'insert' as const, 'delete' as const) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('deep' as const), kind: kindArb, depth: fc.oneof(fc.integer({ min: 1, max: 140 }), fc.integer({ min: INGEST_MAX_DEPTH - 5, max: INGEST_MAX_DEPTH + 5 }), fc.integer({ min: 124, max: 132 }), fc.integer({ min: 1000, max: 100_000 })), inLog: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('surrogate' as const), kind: kindArb, mode: fc.constantFrom('escape' as const, 'cesu' as const, 'low-escape' as const, 'overlong' as const) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('corrupt-compressed' as const), kind: kindArb, encoding: fc.constantFrom('gzip' as const, 'deflate' as const), logs: fc.array(logPlan, { minLength: 1, maxLength: 3 }), cut: fc.double({ min: 0, max: 0.9, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('bomb' as const), kind: kindArb, encoding: fc.constantFrom('gzip' as const, 'deflate' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('unknown-encoding' as const), kind: kindArb, encoding: fc.constantFrom('br', 'compress', 'zstd', 'gzip, br', 'identity;q=0', 'x-unknown') }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('too-large' as const), kind: kindArb, chunked: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('method' as const), kind: kindArb, method: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH') }) },
);

/** Well-formed bodies: valid logs mixed with unsignable ones, in any encoding and content type. */
export const wellFormedPlan: fc.Arbitrary<Plan> = fc.record({
  t: fc.constant('well-formed' as const),
  kind: fc.constantFrom<Kind>('batch', 'batch', 'batch', 'single'),
  logs: logsArb,
  encoding: fc.constantFrom('identity' as const, 'identity' as const, 'gzip' as const, 'deflate' as const, 'x-gzip' as const, 'GZIP' as const),
  contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: null }),
});

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const BOMB = { gzip: gzipSync(Buffer.alloc(4 * FUZZ_MAX_BODY_BYTES)), deflate: deflateSync(Buffer.alloc(4 * FUZZ_MAX_BODY_BYTES)) };

function renderBody(kind: Kind, logs: readonly LogPlan[], id: number) {
  const rendered = (kind === 'single' ? logs.slice(0, 1) : logs).map((l, i) => renderLog(l, `c${id}-${i}`));
  const text = kind === 'single' ? (rendered[0]?.text ?? '{}') : `[${rendered.map((r) => r.text).join(',')}]`;
  if (kind === 'single' && rendered.length === 0) rendered.push({ text: '{}', reason: /EBP_METADATA is missing/, marked: false });
  return { text, rendered };
}

export function renderCase(plan: Plan, id: number): FuzzCase {
  const path = plan.kind === 'single' ? '/api/log' : '/api/log_batch';
  const c = { id, category: plan.t, path, method: 'POST', headers: { 'content-type': 'application/json' } as Record<string, string>, chunked: false, rejectedMarkers: [], signedMarkers: [] } as const;
  switch (plan.t) {
    case 'bytes':
      return { ...c, body: plan.bytes, status: [200, 400] };
    case 'text':
      return { ...c, body: enc(plan.text), status: [200, 400] };
    case 'json-value': {
      const isArray = Array.isArray(plan.value);
      // No generated value can carry a valid EBP_METADATA: everything is rejected or refused.
      return { ...c, body: enc(json(plan.value)), status: plan.kind === 'batch' && !isArray ? [400] : [200] };
    }
    case 'truncated': {
      const { text } = renderBody(plan.kind, plan.logs, id);
      // A prefix of a single number (`123` → `12`) is still a JSON value: a log that is refused later.
      const maybeValid = plan.kind === 'single' && plan.logs[0]?.v === 'non-object';
      return { ...c, body: enc(text.slice(0, Math.floor(plan.cut * text.length))), status: maybeValid ? [200, 400] : [400] };
    }
    case 'mutated': {
      const bytes = Array.from(enc(renderBody(plan.kind, plan.logs, id).text));
      const at = Math.floor(plan.at * bytes.length);
      if (plan.op === 'flip') bytes[at] = plan.byte;
      else if (plan.op === 'insert') bytes.splice(at, 0, plan.byte);
      else bytes.splice(at, 1);
      return { ...c, body: Uint8Array.from(bytes), status: [200, 400] };
    }
    case 'deep': {
      const d = plan.depth;
      // Body depth: a batch is one level, its log another.
      const text = plan.inLog ? `${plan.kind === 'batch' ? '[' : ''}{"x":${'['.repeat(d)}${']'.repeat(d)},"EBP_METADATA":${json(meta(0))}}${plan.kind === 'batch' ? ']' : ''}` : `${'['.repeat(d)}${']'.repeat(d)}`;
      const total = plan.inLog ? d + 1 + (plan.kind === 'batch' ? 1 : 0) : d;
      const body = enc(text);
      return { ...c, body, status: body.length > FUZZ_MAX_BODY_BYTES ? [413] : total > INGEST_MAX_DEPTH ? [400] : [200] };
    }
    case 'surrogate': {
      const body =
        plan.mode === 'escape' ? enc(`[{"message":"\\ud800","EBP_METADATA":${json(meta(0))}}]`)
        : plan.mode === 'low-escape' ? enc(`[{"message":"a\\udfffb"}]`)
        : plan.mode === 'overlong' ? Uint8Array.from([0x5b, 0x22, 0xc0, 0xaf, 0x22, 0x5d])
        : Uint8Array.from([0x5b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x5d]); // CESU-8 lone surrogate: invalid UTF-8
      return { ...c, path: '/api/log_batch', body, status: [400] };
    }
    case 'corrupt-compressed': {
      const raw = Buffer.from(renderBody(plan.kind, plan.logs, id).text);
      const z = plan.encoding === 'gzip' ? gzipSync(raw) : deflateSync(raw);
      return { ...c, headers: { ...c.headers, 'content-encoding': plan.encoding }, body: z.subarray(0, Math.floor(plan.cut * z.length)), status: [400] };
    }
    case 'bomb':
      return { ...c, headers: { ...c.headers, 'content-encoding': plan.encoding }, body: BOMB[plan.encoding], status: [413] };
    case 'unknown-encoding':
      return { ...c, headers: { ...c.headers, 'content-encoding': plan.encoding }, body: enc('[]'), status: [415] };
    case 'too-large':
      return { ...c, body: enc(`[${json('x'.repeat(FUZZ_MAX_BODY_BYTES))}]`), chunked: plan.chunked, status: [413] };
    case 'method':
      return { ...c, method: plan.method, body: new Uint8Array(0), status: [405] };
    case 'well-formed': {
      const { text, rendered } = renderBody(plan.kind, plan.logs, id);
      const raw = Buffer.from(text);
      const e = plan.encoding.toLowerCase();
      const body = e === 'identity' ? raw : e === 'deflate' ? deflateSync(raw) : gzipSync(raw);
      const headers: Record<string, string> = {};
      if (plan.contentType !== null) headers['content-type'] = plan.contentType;
      if (plan.encoding !== 'identity') headers['content-encoding'] = plan.encoding;
      const chains = [...new Set(rendered.flatMap((r) => (r.chain !== undefined ? [r.chain] : [])))].sort();
      const valid = rendered.filter((r) => r.chain !== undefined).length;
      return {
        ...c,
        headers,
        body,
        status: [200],
        counts: { logs: rendered.length, valid, rejected: rendered.length - valid, chains },
        rejectedMarkers: rendered.flatMap((r, i) => (r.reason !== undefined && r.marked ? [{ marker: `c${id}-${i}`, reason: r.reason }] : [])),
        signedMarkers: rendered.flatMap((r, i) => (r.chain !== undefined ? [`c${id}-${i}`] : [])),
      };
    }
  }
}

/** `n` cases from `plan` with a fixed seed; ids start at `firstId` (markers stay unique). */
export function sampleCases(plan: fc.Arbitrary<Plan>, n: number, seed: number, firstId: number): FuzzCase[] {
  return fc.sample(plan, { seed, numRuns: n }).map((p, i) => renderCase(p, firstId + i));
}

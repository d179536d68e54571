import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFieldSelector, type FieldSelector } from '../chain';
import { IngestError } from './ingest-error';
import { prepareBody } from './prepare-body';
import { createPreparePool, type PreparePool } from './prepare-pool';

// The real worker entry, bundled as scripts/build-cli.mjs bundles it for `signet serve`.
let dir: string;
let workerFile: string;
let dyingWorker: string;
const pools: PreparePool[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-prepare-pool-'));
  workerFile = path.join(dir, 'ingest-prepare-worker.cjs');
  await build({ entryPoints: [path.join(__dirname, 'prepare-worker.ts')], outfile: workerFile, bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'warning' });
  // A worker that dies on its first body, as one hit by a fatal error would.
  dyingWorker = path.join(dir, 'dying-worker.cjs');
  fs.writeFileSync(dyingWorker, "require('node:worker_threads').parentPort.on('message', () => process.exit(7));\n");
}, 60_000);

afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

const META = (tag: string) => `{"agent":{"type":"filebeat"},"customer":"acme","retention":"6_months","blockchain_tag":"${tag}"}`;
/** A batch over the worker threshold: accepted logs of two chains, refused ones, non-ASCII text. */
function batch(n: number): Buffer {
  const logs = Array.from({ length: n }, (_, i) =>
    i % 10 === 3 ? `{"message":"no metadata ${i}"}` : i % 10 === 7 ? `{"message":1e2000,"EBP_METADATA":${META('0')}}` : `{"message":"log ${i} é ☃ ${'x'.repeat(200)}","host":{"name":"h${i}"},"EBP_METADATA":${META(String(i % 2))}}`,
  );
  return Buffer.from(`[${logs.join(',\n')}]`);
}

function pool(o: Partial<Parameters<typeof createPreparePool>[0]> & { list?: string[] } = {}): PreparePool {
  let list = o.list ?? ['message', 'host.name'];
  let sel = compileFieldSelector(list);
  const p = createPreparePool({ workers: 1, workerFile, module: 'elproxysigned', fields: () => ({ selector: sel, includeFields: list }), minWorkerBytes: 0, ...o });
  pools.push(p);
  (p as unknown as { setList: (l: string[]) => void }).setList = (l) => {
    list = l;
    sel = compileFieldSelector(l);
  };
  return p;
}

describe('createPreparePool', () => {
  it('prepares on the worker exactly what the server thread would, with the selector read when the body came', async () => {
    const p = pool();
    const body = batch(300);
    const got = await p.prepare(body, 'batch');
    const sel = got.selector as FieldSelector;
    expect(sel).toBeDefined();
    expect(got.logs).toEqual(prepareBody(body, 'batch', 'elproxysigned', sel));
    expect(got.logs.filter((l) => 'reason' in l)).toHaveLength(60);
    expect(p.threads()).toBe(1);
  });

  it('compiles a replaced include_fields list on the worker', async () => {
    const p = pool();
    const body = batch(20);
    const before = await p.prepare(body, 'batch');
    (p as unknown as { setList: (l: string[]) => void }).setList(['host.name']);
    const after = await p.prepare(body, 'batch');
    expect(after.selector).not.toBe(before.selector);
    expect(after.logs).toEqual(prepareBody(body, 'batch', 'elproxysigned', after.selector));
    expect(after.logs.find((l) => 'canonicalFields' in l)).toMatchObject({ canonicalFields: '{"host":{"name":"h0"}}' });
  });

  it('answers a malformed body with the same IngestError as the server thread', async () => {
    const p = pool();
    const err = await p.prepare(Buffer.from('[{"a":1},'), 'batch').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect(err).toMatchObject({ code: 'ERR_INGEST_MALFORMED', status: 400, message: expect.stringMatching(/not valid JSON/) });
    const bad = await p.prepare(Buffer.from([0x5b, 0xff, 0x5d]), 'batch').catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'ERR_INGEST_MALFORMED', message: 'the body is not valid UTF-8' });
  });

  it('prepares small bodies, and every body without workers, on the server thread', async () => {
    // A worker that dies on any body it gets: none dies, so no body reached it.
    const exits: string[] = [];
    const small = pool({ workerFile: dyingWorker, minWorkerBytes: 1 << 20, onWorkerExit: (m) => exits.push(m) });
    for (const p of [small, pool({ workerFile: null }), pool({ workers: 0 })]) {
      const body = batch(5);
      const got = await p.prepare(body, 'batch');
      expect(got.logs).toEqual(prepareBody(body, 'batch', 'elproxysigned', got.selector));
    }
    expect(exits).toEqual([]);
    expect(small.threads()).toBe(1);
  });

  it('prepares a dead worker\'s bodies on the server thread, replaces it, and stops replacing after five deaths', async () => {
    const exits: string[] = [];
    const p = pool({ workerFile: dyingWorker, onWorkerExit: (m) => exits.push(m) });
    const body = batch(50);
    const expected = prepareBody(body, 'batch', 'elproxysigned', compileFieldSelector(['message', 'host.name']));
    for (let i = 0; i < 7; i++) {
      const got = await p.prepare(body, 'batch');
      expect(got.logs).toEqual(expected);
    }
    expect(exits.length).toBe(6); // the first worker and its five replacements
    expect(exits[0]).toMatch(/exited \(code 7\); its 1 bodies are prepared on the server's thread/);
    expect(p.threads()).toBe(0);
  });

  it('agrees with the server thread on generated bodies, well-formed or not', async () => {
    const p = pool();
    const sel = compileFieldSelector(['message', 'host.name']);
    const meta = fc.record({ agent: fc.record({ type: fc.constantFrom('filebeat', 'Bad', '_x', 'logstash') }), customer: fc.constantFrom('acme', 'a/b', '..'), retention: fc.constant('6_months'), blockchain_tag: fc.oneof(fc.constant('0'), fc.nat(3)) });
    const log = fc.oneof(fc.record({ message: fc.oneof(fc.string({ unit: 'binary' }), fc.double(), fc.constant(null)), host: fc.record({ name: fc.string() }), EBP_METADATA: meta }, { requiredKeys: [] }), fc.jsonValue());
    const text = fc.tuple(fc.array(log, { maxLength: 8 }), fc.constantFrom('', ' ', '\n\t')).map(([logs, ws]) => `${ws}${JSON.stringify(logs)}${ws}`);
    // Well-formed bodies, and bodies with a byte changed or cut short (malformed JSON, invalid UTF-8).
    const body = fc.oneof(
      text.map((t) => Buffer.from(t)),
      fc.tuple(text, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([t, at, b]) => {
        const buf = Buffer.from(t);
        buf[at % buf.length] = b;
        return buf;
      }),
      fc.tuple(text, fc.nat()).map(([t, n]) => Buffer.from(t).subarray(0, n % (t.length + 1))),
    );
    const outcome = (f: () => unknown) => {
      try {
        return { ok: f() };
      } catch (err) {
        return { error: (err as IngestError).code, message: (err as Error).message };
      }
    };
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom<'batch' | 'single'>('batch', 'single'), async (b, kind) => {
        const inline = outcome(() => prepareBody(b, kind, 'elproxysigned', sel));
        const got = await p.prepare(b, kind).then(
          (r) => ({ ok: r.logs }),
          (err: unknown) => ({ error: (err as IngestError).code, message: (err as Error).message }),
        );
        expect(got).toEqual(inline);
      }),
      { seed: 0x5167, numRuns: 400 },
    );
  });

  it('without fields, computes no canonical fields', async () => {
    const p = pool({ fields: undefined });
    const got = await p.prepare(batch(10), 'batch');
    expect(got.selector).toBeUndefined();
    expect(got.logs.every((l) => !('canonicalFields' in l) || l.canonicalFields === undefined)).toBe(true);
  });
});

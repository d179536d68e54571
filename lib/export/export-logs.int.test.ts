import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { parseJson, type JsonObject } from '../chain';
import { startTestStore, type TestStore } from '../embedded-es/__fixtures__/test-store';
import { T0, chainFor, indexItems, signChain, storedChain, streamFor, verifyDocs } from '../dlq-recovery/__fixtures__/signed-chain';
import { ExportError, exportLogs } from './index';

let es: TestStore;
const chain = chainFor('exp');
const streamOf = (i: number): string => streamFor(chain, i % 3 === 0 ? 'filebeat-8.11.0' : 'auditbeat-7.10.1');
beforeAll(async () => {
  es = await startTestStore();
  // Indexed out of order across two data streams: the export must still follow the iterations.
  const items = signChain(7, streamOf, chain);
  await indexItems(es.client, [...items].reverse());
  // A document in the chain's data stream that is not a signed log.
  await es.client.index({ index: streamFor(chain), op_type: 'create', document: { '@timestamp': '2024-03-05T10:00:03.500Z', message: 'unsigned' }, refresh: true });
  await es.client.indices.refresh({ index: '*' });
});
afterAll(async () => {
  await es.close();
});

function tempDir(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'signet-export-')));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const lines = (file: string): string[] => fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');

async function expectCode(p: Promise<unknown>, code: string): Promise<ExportError> {
  const err = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ExportError);
  expect((err as ExportError).code).toBe(code);
  return err as ExportError;
}

describe('exportLogs', () => {
  it('writes every signed log in iteration order, byte for byte as stored, and the file verifies', async () => {
    const out = path.join(tempDir(), 'exp.ndjson');
    const progress: [number, number][] = [];
    const r = await exportLogs(es.client, { chain, outputFile: out, batchSize: 2, onProgress: (n, total) => progress.push([n, total]) });
    expect(r).toMatchObject({ outputFile: out, chain: 'elproxysigned-exp-6_months-0', logs: 7, firstIteration: 0, lastIteration: 6, skipped: 0 });
    expect(r.bytes).toBe(fs.statSync(out).size);
    expect(progress).toEqual([[2, 7], [4, 7], [6, 7], [7, 7]]);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);

    const got = lines(out);
    const docs = got.map((l) => parseJson(l) as JsonObject);
    expect(docs.map((d) => (d.ES_BLOCKCHAIN as JsonObject).iteration)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const l of got) expect(l).toContain('"big":9007199254740993,"price":1.50,');
    const stored = await storedChain(es, chain);
    expect(docs).toEqual(stored.docs.filter((d) => d.ES_BLOCKCHAIN !== undefined));
    const v = verifyDocs(docs, chain);
    expect(v.errors).toEqual([]);
    expect(v.nextIteration).toBe(7);
    // No temporary file is left next to the output.
    expect(fs.readdirSync(path.dirname(out))).toEqual(['exp.ndjson']);
  });

  it('--from is inclusive and --to exclusive on @timestamp (offsets allowed)', async () => {
    const out = path.join(tempDir(), 'range.ndjson');
    const r = await exportLogs(es.client, { chain, outputFile: out, from: new Date(T0 + 2000), to: new Date(T0 + 5000) });
    expect(r).toMatchObject({ logs: 3, firstIteration: 2, lastIteration: 4, skipped: 0 });
    expect(lines(out).map((l) => ((parseJson(l) as JsonObject)['@timestamp']))).toEqual(['2024-03-05T10:00:02.000Z', '2024-03-05T10:00:03.000Z', '2024-03-05T10:00:04.000Z']);
    const empty = await exportLogs(es.client, { chain, outputFile: out, from: new Date(T0 + 60_000) });
    expect(empty).toMatchObject({ logs: 0, bytes: 0, firstIteration: null });
    expect(fs.readFileSync(out, 'utf8')).toBe('');
  });

  it('replaces an existing output file atomically, and leaves it alone on failure', async () => {
    const out = path.join(tempDir(), 'keep.ndjson');
    fs.writeFileSync(out, 'previous export\n');
    const dead = new Client({ node: 'http://127.0.0.1:1', maxRetries: 0, requestTimeout: 2000 });
    onTestFinished(() => dead.close());
    const err = await expectCode(exportLogs(dead, { chain, outputFile: out }), 'ERR_EXPORT_STORE');
    expect(err.message).toMatch(/^Elasticsearch is not reachable/);
    expect(fs.readFileSync(out, 'utf8')).toBe('previous export\n');
    expect(fs.readdirSync(path.dirname(out))).toEqual(['keep.ndjson']);
    await exportLogs(es.client, { chain, outputFile: out });
    expect(lines(out)).toHaveLength(7);
  });

  it('a chain without data streams is not found, and nothing is written', async () => {
    const out = path.join(tempDir(), 'none.ndjson');
    const err = await expectCode(exportLogs(es.client, { chain: chainFor('nobody'), outputFile: out }), 'ERR_EXPORT_NOT_FOUND');
    expect(err.message).toContain('*-*-elproxysigned-nobody-6_months-0');
    expect(fs.existsSync(out)).toBe(false);
  });

  it.each([
    [{ customer: 'Acme' }, 'tenant may contain only'],
    [{ customer: '../x' }, 'tenant may contain only'],
    [{ retention: 'a/b' }, 'retention may contain only'],
    [{ tag: '' }, 'tag must not be empty'],
    [{ module: 'a..b' }, 'module must not contain ".."'],
  ])('refuses the name %j before touching anything', async (part, message) => {
    const out = path.join(tempDir(), 'x.ndjson');
    const err = await expectCode(exportLogs(es.client, { chain: { ...chain, ...part }, outputFile: out }), 'ERR_EXPORT_INPUT');
    expect(err.message).toContain(message);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses an empty range, a bad batch size and an unusable output path', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'x.ndjson');
    await expectCode(exportLogs(es.client, { chain, outputFile: out, from: new Date(T0), to: new Date(T0) }), 'ERR_EXPORT_INPUT');
    await expectCode(exportLogs(es.client, { chain, outputFile: out, batchSize: 0 }), 'ERR_EXPORT_INPUT');
    const missing = await expectCode(exportLogs(es.client, { chain, outputFile: path.join(dir, 'no', 'x.ndjson') }), 'ERR_EXPORT_INPUT');
    expect(missing.message).toContain('does not exist');
    await expectCode(exportLogs(es.client, { chain, outputFile: dir }), 'ERR_EXPORT_INPUT');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

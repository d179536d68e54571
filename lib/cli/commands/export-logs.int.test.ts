import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJson, type JsonObject } from '../../chain';
import { tempConfigDir } from '../../config/__fixtures__/temp-config-dir';
import { chainFor, indexItems, signChain, storedChain, streamFor, verifyDocs } from '../../dlq-recovery/__fixtures__/signed-chain';
import { startTestStore, type TestStore } from '../../embedded-es/__fixtures__/test-store';
import { buildCli, runCliAsync, expectOneLineError } from '../cli-test-helpers';

let es: TestStore;
const chain = chainFor('cliexp');
beforeAll(async () => {
  buildCli();
  es = await startTestStore();
  await indexItems(es.client, signChain(5, (i) => streamFor(chain, i % 2 ? 'filebeat-8.11.0' : 'auditbeat-7.10.1'), chain));
});
afterAll(async () => {
  await es.close();
});

function setup(esUrl?: string) {
  const { baseDir, configDir } = tempConfigDir({ 'elastic_blockchain_proxy.toml': `[elasticsearch]\nurl = ${JSON.stringify(esUrl ?? es.es.url)}\n` });
  const out = path.join(baseDir, 'out.ndjson');
  return { baseDir, out, run: (...args: string[]) => runCliAsync(['--config-dir', configDir, 'export-logs', ...args]) };
}

const CHAIN_FLAGS = ['--tenant', 'cliexp', '--retention', '6_months', '--tag', '0'];


describe('signet export-logs', () => {
  it('exports the chain in iteration order, losslessly; the file verifies', async () => {
    const s = setup();
    const r = await s.run(...CHAIN_FLAGS, '--output-file', s.out, '--batch-size', '2');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`Exported 5 signed logs of elproxysigned-cliexp-6_months-0 (iterations 0–4) to ${s.out} (${fs.statSync(s.out).size.toLocaleString('en-US')} bytes)\n`);
    const lines = fs.readFileSync(s.out, 'utf8').trimEnd().split('\n');
    expect(lines.every((l) => l.includes('"big":9007199254740993,"price":1.50,'))).toBe(true);
    const docs = lines.map((l) => parseJson(l) as JsonObject);
    expect(docs).toEqual((await storedChain(es, chain)).docs);
    expect(verifyDocs(docs, chain).errors).toEqual([]);
  });

  it('--from/--to (RFC 3339 with offsets) select on @timestamp; --json prints the result', async () => {
    const s = setup();
    const r = await s.run(...CHAIN_FLAGS, '--output-file', s.out, '--from', '2024-03-05T11:00:01+01:00', '--to', '2024-03-05T10:00:03Z', '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ logs: 2, firstIteration: 1, lastIteration: 2 });
  });

  it.each([
    [['--from', '2024-03-05'], '--from must be an RFC 3339 date-time'],
    [['--to', '2024-02-30T00:00:00Z'], '--to must be an RFC 3339 date-time'],
    [['--from', '2024-03-05T10:00:03Z', '--to', '2024-03-05T10:00:01Z'], 'must be earlier than --to'],
    [['--format', 'csv'], '--format must be ndjson'],
    [['--batch-size', '-1'], '--batch-size must be a positive integer'],
  ])('bad input %j is a one-line error', async (args, text) => {
    const s = setup();
    expectOneLineError(await s.run(...CHAIN_FLAGS, '--output-file', s.out, ...args), text);
    expect(fs.existsSync(s.out)).toBe(false);
  });

  it.each([
    ['Acme', 'tenant may contain only'],
    ['../etc', 'tenant may contain only'],
    ['a/b', 'tenant may contain only'],
  ])('refuses the tenant %j', async (tenant, text) => {
    const s = setup();
    expectOneLineError(await s.run('--tenant', tenant, '--retention', '6_months', '--tag', '0', '--output-file', s.out), text);
  });

  it('an unknown chain, a missing output folder and an unreachable store are one-line errors', async () => {
    const s = setup();
    expectOneLineError(await s.run('--tenant', 'nobody', '--retention', '6_months', '--tag', '0', '--output-file', s.out), 'no data stream matches *-*-elproxysigned-nobody-6_months-0');
    expectOneLineError(await s.run(...CHAIN_FLAGS, '--output-file', path.join(s.baseDir, 'no', 'x.ndjson')), /output folder .* does not exist/);
    const down = setup('http://127.0.0.1:1');
    expectOneLineError(await down.run(...CHAIN_FLAGS, '--output-file', down.out), /Elasticsearch is not reachable/);
    expect(fs.existsSync(down.out)).toBe(false);
  });

  it('--es-url overrides elasticsearch.url', async () => {
    const s = setup('http://127.0.0.1:1');
    const r = await s.run(...CHAIN_FLAGS, '--output-file', s.out, '--es-url', es.es.url, '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ logs: 5 });
  });

  it('a missing required flag is a usage error', async () => {
    const s = setup();
    const r = await s.run('--tenant', 'cliexp', '--output-file', s.out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/required option '--retention <retention>' not specified/);
  });
});

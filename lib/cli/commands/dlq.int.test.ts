import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkItem } from '../../chains';
import { tempConfigDir } from '../../config/__fixtures__/temp-config-dir';
import { createDlq } from '../../dlq';
import { chainFor, indexItems, signChain, storedChain, streamFor, verifyDocs } from '../../dlq-recovery/__fixtures__/signed-chain';
import { startTestStore, type TestStore } from '../../embedded-es/__fixtures__/test-store';
import { buildCli, runCliAsync, expectOneLineError } from '../cli-test-helpers';

let es: TestStore;
beforeAll(async () => {
  buildCli();
  es = await startTestStore();
});
afterAll(async () => {
  await es.close();
});

/** A config dir whose DLQ holds iterations `dlqd` of a fresh chain of `customer`; the rest is indexed. */
async function setup(customer: string, n: number, dlqd: number[], esUrl?: string) {
  const { baseDir, configDir } = tempConfigDir();
  const dlqDir = path.join(baseDir, 'dlq');
  const recoveredDir = path.join(baseDir, 'dlq_recovered');
  fs.mkdirSync(dlqDir);
  fs.writeFileSync(
    path.join(configDir, 'elastic_blockchain_proxy.toml'),
    `dlq_dir = ${JSON.stringify(dlqDir)}\ndlq_recovered_dir = ${JSON.stringify(recoveredDir)}\n[elasticsearch]\nurl = ${JSON.stringify(esUrl ?? es.es.url)}\n`,
  );
  const chain = chainFor(customer);
  const stream = streamFor(chain);
  const items = signChain(n, () => stream, chain);
  await indexItems(es.client, items.filter((_, i) => !dlqd.includes(i)));
  const dlq = createDlq({ dlqDir, dlqRecoveredDir: recoveredDir, now: () => new Date('2024-03-05T12:00:00Z') });
  await dlq.append(customer, stream, dlqd.map((i) => ({ documentText: (items[i] as BulkItem).docText, error: { type: 'mapper_parsing_exception', reason: 'failed to parse' } })));
  const rel = `${customer}/${stream}-2024-03-05.ndjson`;
  return { baseDir, configDir, dlqDir, recoveredDir, dlq, chain, stream, rel, run: (...args: string[]) => runCliAsync(['--config-dir', configDir, ...args]) };
}

describe('signet dlq list', () => {
  it('lists signed files with counts and error types, and the rejected area separately', async () => {
    const s = await setup('clilist', 4, [1, 2]);
    await s.dlq.appendRejected([{ rawText: '{"message":"x"}', reason: 'EBP_METADATA is missing', receivedAt: new Date('2024-03-05T11:00:00Z') }]);
    fs.appendFileSync(path.join(s.dlqDir, s.rel), '{"document":{"torn');
    const r = await s.run('dlq', 'list');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Signed logs waiting for recovery: 1 file, 2 entries');
    expect(r.stdout).toContain(`  ${s.rel}  2 entries, torn last line (kept)  [mapper_parsing_exception: 2]`);
    expect(r.stdout).toContain('Rejected area (unsigned logs; never signed retroactively): 1 file, 1 entry');
    expect(r.stdout).toContain('  .rejected/rejected-2024-03-05.ndjson  1 entry  [EBP_METADATA is missing: 1]');

    const j = await s.run('dlq', 'list', '--json');
    expect(j.status).toBe(0);
    const o = JSON.parse(j.stdout);
    expect(o.totals).toEqual({ signedEntries: 2, rejectedEntries: 1, tornFiles: 1, badLines: 0 });
  });

  it('a configured dlq_dir that does not exist yet is an empty queue (the service creates it on its first failure)', async () => {
    const s = await setup('clifresh', 1, []);
    fs.rmSync(s.dlqDir, { recursive: true });
    const r = await s.run('dlq', 'list');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Signed logs waiting for recovery: 0 files, 0 entries');
  });

  it('a missing --dlq-dir is a one-line error', async () => {
    const s = await setup('climissing', 1, []);
    expectOneLineError(await s.run('dlq', 'list', '--dlq-dir', path.join(s.baseDir, 'nope')), /dead letter queue folder .*nope does not exist/);
  });
});

describe('global --static-config-dir (El Proxy\'s)', () => {
  it('reads the settings it holds below --config-dir\'s, and a missing one is a configuration error', async () => {
    const s = await setup('clistatic', 3, [0]);
    // The settings move to a static directory; the configuration directory keeps none of them.
    const staticDir = path.join(s.baseDir, 'static');
    fs.mkdirSync(staticDir);
    fs.renameSync(path.join(s.configDir, 'elastic_blockchain_proxy.toml'), path.join(staticDir, 'elastic_blockchain_proxy.toml'));
    const r = await runCliAsync(['--config-dir', s.configDir, '--static-config-dir', staticDir, 'dlq', 'list', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).totals.signedEntries).toBe(1);
    const missing = await runCliAsync(['--config-dir', s.configDir, '--static-config-dir', path.join(s.baseDir, 'nope'), 'dlq', 'list']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/nope: static configuration directory does not exist \(set --static-config-dir or SIGNET_STATIC_CONFIG_DIR\)/);
  });
});

describe('signet dlq recover', () => {
  let bad = 0;
  it('recovers the DLQ: the gap closes, files move, exit 0', async () => {
    const s = await setup('clirec', 6, [2, 3]);
    const r = await s.run('dlq', 'recover', '--batch-size', '1');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${s.rel}: 2 recovered, 0 already stored, 0 failed -> moved to ${path.join(s.recoveredDir, s.rel)}`);
    expect(r.stdout).toContain('Recovered 2 logs (0 already stored) from 1 file; the dead letter queue holds no signed log any more.');
    expect(fs.existsSync(path.join(s.recoveredDir, s.rel))).toBe(true);
    const v = verifyDocs((await storedChain(es, s.chain)).docs, s.chain);
    expect(v.errors).toEqual([]);
    expect(v.nextIteration).toBe(6);
  });

  it('--dlq-dir / --dlq-recovered-dir override the configuration; --json prints the report', async () => {
    const s = await setup('cliflags', 3, [1]);
    const other = path.join(s.baseDir, 'elsewhere');
    fs.renameSync(s.dlqDir, other);
    const rec = path.join(s.baseDir, 'rec2');
    const r = await s.run('dlq', 'recover', '--dlq-dir', other, '--dlq-recovered-dir', rec, '--json');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ complete: true, totals: { recovered: 1 } });
    expect(fs.existsSync(path.join(rec, s.rel))).toBe(true);
  });

  it('--es-url overrides elasticsearch.url', async () => {
    const s = await setup('cliesurl', 3, [1], 'http://127.0.0.1:1');
    const r = await s.run('dlq', 'recover', '--es-url', es.es.url);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Recovered 1 log (0 already stored) from 1 file');
  });

  it('keeps torn lines and lines that are not NDJSON, says what remains, exits 1', async () => {
    const s = await setup('clitorn', 4, [1, 2]);
    fs.appendFileSync(path.join(s.dlqDir, s.rel), 'this is not json\n{"document":{"to');
    const r = await s.run('dlq', 'recover');
    expectOneLineError(r, 'the dead letter queue still holds logs to deal with (1 bad line, 1 file with a torn last line)');
    expect(r.stdout).toContain(`${s.rel}: 2 recovered, 0 already stored, 0 failed, 1 bad line kept, torn last line kept -> recovered lines moved to`);
    expect(fs.readFileSync(path.join(s.dlqDir, s.rel), 'utf8')).toBe('this is not json\n{"document":{"to');
    expect(verifyDocs((await storedChain(es, s.chain)).docs, s.chain).errors).toEqual([]);
  });

  it('leaves the rejected area alone', async () => {
    const s = await setup('clirej', 2, [1]);
    await s.dlq.appendRejected([{ rawText: 'not json', reason: 'not JSON', receivedAt: new Date('2024-03-05T11:00:00Z') }]);
    const before = fs.readFileSync(path.join(s.dlqDir, '.rejected', 'rejected-2024-03-05.ndjson'));
    const r = await s.run('dlq', 'recover');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Rejected area: 1 unsigned log in 1 file not touched (unsigned logs are never signed retroactively).');
    expect(fs.readFileSync(path.join(s.dlqDir, '.rejected', 'rejected-2024-03-05.ndjson')).equals(before)).toBe(true);
  });

  it('an unreachable store is a one-line error and nothing moves', async () => {
    const s = await setup('clidown', 2, [1], 'http://127.0.0.1:1');
    expectOneLineError(await s.run('dlq', 'recover'), 'signet: Elasticsearch is not reachable; nothing was recovered');
    expect(fs.existsSync(path.join(s.dlqDir, s.rel))).toBe(true);
  });

  it.each([
    [['--batch-size', '0'], '--batch-size must be a positive integer'],
    [['--batch-size', 'x'], '--batch-size must be a positive integer'],
    [['--dlq-dir', '/nonexistent/signet-dlq'], 'dead letter queue folder /nonexistent/signet-dlq does not exist'],
  ])('bad input %j is a one-line error', async (args, text) => {
    const s = await setup(`clibad${(bad += 1)}`, 1, []);
    expectOneLineError(await s.run('dlq', 'recover', ...args), text);
  });

  it('needs an Elasticsearch URL (none set, and no fixed embedded-store port to fall back on)', async () => {
    const s = await setup('clinourl', 1, []);
    fs.writeFileSync(path.join(s.configDir, 'elastic_blockchain_proxy.toml'), `dlq_dir = ${JSON.stringify(s.dlqDir)}\ndlq_recovered_dir = ${JSON.stringify(s.recoveredDir)}\n[embedded_elasticsearch]\nport = 0\n`);
    expectOneLineError(await s.run('dlq', 'recover'), /no Elasticsearch URL/);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempConfigDir } from '../../config/__fixtures__/temp-config-dir';
import { startTestStore, type TestStore } from '../../embedded-es/__fixtures__/test-store';
import { DAY, KEY0, OTHER_KEY0, chainOf, deleteLogs, editLog, installTemplates, seedChain } from '../../verify/__fixtures__/signed-chain';
import { buildCli, runCli, runCliAsync } from '../cli-test-helpers';

let store: TestStore;

beforeAll(async () => {
  buildCli();
  store = await startTestStore();
  await installTemplates(store.client);
});
afterAll(async () => {
  await store?.close();
});

/** A config dir pointing at the test store, and key files for KEY0 and another chain's key. */
function setup(): { configDir: string; baseDir: string; keyFile: string; otherKeyFile: string } {
  const { baseDir, configDir } = tempConfigDir({ 'elastic_blockchain_proxy.toml': `[elasticsearch]\nurl = ${JSON.stringify(store.es.url)}\n` });
  const keyFile = path.join(baseDir, 'key.json');
  fs.writeFileSync(keyFile, JSON.stringify({ key: KEY0, iteration: 0, previous_hash: null }));
  const otherKeyFile = path.join(baseDir, 'other.key');
  fs.writeFileSync(otherKeyFile, OTHER_KEY0 + '\n');
  return { baseDir, configDir, keyFile, otherKeyFile };
}

/** Runs the CLI from the test's base directory: relative data paths of the config land there. */
function run(s: { baseDir: string }, args: string[]) {
  return runCliAsync(args, { cwd: s.baseDir });
}

const chainArgs = (tenant: string) => ['--tenant', tenant, '--retention', '6_months', '--tag', '0'];

describe('signet verify', () => {
  it('verifies a clean chain in worker threads: El Proxy text report, exit 0, report files and index', async () => {
    const s = setup();
    await seedChain(store.client, chainOf('cli_clean'), 1234);
    const r = await run(s, ['--config-dir', s.configDir, 'verify', ...chainArgs('cli_clean'), '--key-file', s.keyFile, '--concurrent-batches', '2']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^-{56}\n-{56}\nVerify command execution completed\.\nBlockchain verification process completed successfully\.\n/);
    expect(r.stdout).toMatch(/Verified iterations: 0 to 1233; 1,234 logs checked/);
    const reportId = /report id (\S+)/.exec(r.stdout)![1]!;
    const reportsDir = path.join(s.baseDir, 'data', 'reports');
    const saved = JSON.parse(fs.readFileSync(path.join(reportsDir, `${reportId}.json`), 'utf8'));
    expect(saved).toMatchObject({ chain: 'elproxysigned-cli_clean-6_months-0', status: 'ok', exit_status: 0, logs_checked: 1234 });
    expect(fs.readFileSync(path.join(reportsDir, `${reportId}.txt`), 'utf8')).toContain('completed successfully');
    const indexed = await store.client.get({ index: 'signet-verification-reports', id: reportId });
    expect(indexed._source).toMatchObject({ chain: 'elproxysigned-cli_clean-6_months-0', status: 'ok' });
    expect(fs.existsSync(path.join(s.baseDir, 'data', 'state_history', 'elproxysigned-cli_clean-6_months-0.json'))).toBe(true);
    // The run is on record in the audit log, next to the console's actions.
    const audit = await store.client.search({ index: 'signet-audit', query: { bool: { filter: [{ term: { action: 'verification_run' } }, { term: { target: 'elproxysigned-cli_clean-6_months-0' } }] } } });
    expect(audit.hits.hits.map((h) => h._source)).toEqual([expect.objectContaining({ outcome: 'success', user: { name: expect.any(String), roles: ['cli'] }, details: expect.objectContaining({ report_id: reportId, errors: 0 }) })]);
  });

  it('reports tampering (exit 2), acknowledges it, then verifies clean (exit 0); --json prints one object', async () => {
    const s = setup();
    const chain = chainOf('cli_tamper');
    await seedChain(store.client, chain, 50);
    await editLog(store.client, chain, 16, (bc) => {
      (bc.fields as Record<string, unknown>).message = 'edited';
    });
    const r = await run(s, ['--config-dir', s.configDir, 'verify', ...chainArgs('cli_tamper'), '--key-file', s.keyFile]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('Blockchain verification process completed with 1 error.\n--------------------------------------------------------\nErrors detail:\n');
    expect(r.stdout).toMatch(/Log verification error 0 details:\n - Error code: Log Verification Wrong Hash\n - Error type: Wrong Log Hash\n - Failed iteration_id: 16\n - Expected hash: [0-9a-f]{64}\n - Found hash {3}: [0-9a-f]{64}\n - CorruptionId: (\S+)\n/);
    const id = / - CorruptionId: (\S+)/.exec(r.stdout)![1]!;
    const a = await run(s, ['--config-dir', s.configDir, 'acknowledge', '--key-file', s.keyFile, '--corruption-id', id, '--description', 'test edit', '--reason', 'known', '--actor', 'dpo.bob']);
    expect(a.stderr).toBe('');
    expect(a.status).toBe(0);
    expect(a.stdout).toMatch(/^Acknowledged the corruption of iteration 16 in acknowledge-elproxysigned-cli_tamper-6_months-0 \(document [0-9a-f]{64}\) as dpo\.bob\.\n$/);
    const ackAudit = await store.client.search({ index: 'signet-audit', query: { bool: { filter: [{ term: { action: 'acknowledge' } }, { term: { 'user.name': 'dpo.bob' } }] } } });
    expect(ackAudit.hits.hits.map((h) => h._source)).toEqual([expect.objectContaining({ target: 'acknowledge-elproxysigned-cli_tamper-6_months-0', outcome: 'success', details: expect.objectContaining({ corruption_id: id }) })]);
    const j = await run(s, ['--config-dir', s.configDir, 'verify', ...chainArgs('cli_tamper'), '--key-file', s.keyFile, '--json']);
    expect(j.status).toBe(0);
    const lines = j.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ status: 'ok', errors: [], acknowledged: [{ corruption_id: id, acknowledgement: { acknowledged_by: 'dpo.bob', reason: 'known' } }] });
    const t = await run(s, ['--config-dir', s.configDir, 'verify', ...chainArgs('cli_tamper'), '--key-file', s.keyFile, '--incremental']);
    expect(t.status).toBe(0);
    expect(t.stdout).toMatch(/Blockchain: elproxysigned-cli_tamper-6_months-0 \(incremental verification\)/);
    expect(t.stdout).toMatch(/History before iteration 50 last fully verified at: \d{4}-/);
  });

  it('--skip-iterations-before (and El Proxy\'s deprecated --from-iteration) start the check at that iteration: tampering before it is not seen', async () => {
    const s = setup();
    const chain = chainOf('cli_skip');
    await seedChain(store.client, chain, 20);
    await editLog(store.client, chain, 3, (bc) => {
      (bc.fields as Record<string, unknown>).message = 'edited';
    });
    expect((await run(s, ['--config-dir', s.configDir, 'verify', ...chainArgs('cli_skip'), '--key-file', s.keyFile, '--json'])).status).toBe(2);
    for (const flag of ['--skip-iterations-before', '--from-iteration']) {
      const r = await run(s, ['--config-dir', s.configDir, 'verify', ...chainArgs('cli_skip'), '--key-file', s.keyFile, flag, '10', '--json']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ status: 'ok', verified_from: 10, errors: [] });
    }
  });

  it('warnings exit 1', async () => {
    const s = setup();
    const chain = chainOf('cli_warn');
    await seedChain(store.client, chain, 10);
    await deleteLogs(store.client, chain, 0, 1);
    const r = await run(s, ['--config-dir', s.configDir, 'verify', ...chainArgs('cli_warn'), '--key-file', s.keyFile]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/completed with 1 warning\.[\s\S]*Warning code: Untrusted First Iteration No State History/);
  });

  it.each([
    ['a missing key file', (s: ReturnType<typeof setup>) => ['verify', ...chainArgs('cli_input'), '--key-file', path.join(s.baseDir, 'nope.json')], /^signet: cannot read the key file .*nope\.json: ENOENT\n$/],
    ['a wrong key file', (s: ReturnType<typeof setup>) => ['verify', ...chainArgs('cli_input'), '--key-file', s.otherKeyFile], /^signet: not one of the .* verifies with this key/],
    ['a running key file (not iteration 0)', (s: ReturnType<typeof setup>) => {
      fs.writeFileSync(path.join(s.baseDir, 'run.json'), JSON.stringify({ key: KEY0, iteration: 7, previous_hash: 'a'.repeat(64) }));
      return ['verify', ...chainArgs('cli_input'), '--key-file', path.join(s.baseDir, 'run.json')];
    }, /iteration 7, not the iteration-0 key/],
    ['an unknown chain', (s: ReturnType<typeof setup>) => ['verify', ...chainArgs('nobody'), '--key-file', s.keyFile], /^signet: unknown chain elproxysigned-nobody-6_months-0/],
    ['an unknown retention', (s: ReturnType<typeof setup>) => ['verify', '--tenant', 'cli_input', '--retention', 'forever', '--tag', '0', '--key-file', s.keyFile], /unknown retention "forever"/],
    ['an unreachable store', (s: ReturnType<typeof setup>) => ['verify', ...chainArgs('cli_input'), '--key-file', s.keyFile, '--es-url', 'http://127.0.0.1:9'], /^signet: looking up .*: ConnectionError: connect ECONNREFUSED/],
    ['a bad batch size', (s: ReturnType<typeof setup>) => ['verify', ...chainArgs('cli_input'), '--key-file', s.keyFile, '--batch-size', '0'], /--batch-size must be a positive integer/],
    ['a missing --tenant', (s: ReturnType<typeof setup>) => ['verify', '--retention', '6_months', '--tag', '0', '--key-file', s.keyFile], /required option '--tenant <tenant>' not specified/],
    ['an incomplete auth method', (s: ReturnType<typeof setup>) => ['verify', ...chainArgs('cli_input'), '--key-file', s.keyFile, '--es-auth-method', 'basicauth'], /--es-auth-method basicauth needs --es-user and --es-password-file/],
  ])('%s is one line and exit 3 (UNKNOWN)', async (_name, args, message) => {
    const s = setup();
    await seedChain(store.client, chainOf('cli_input'), 12).catch(() => undefined); // idempotent enough: 409s on re-runs are ignored
    const r = await run(s, ['--config-dir', s.configDir, ...args(s)]);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(3);
  });

  it('--help shows El Proxy defaults', () => {
    const help = runCli(['verify', '--help']).stdout;
    for (const [flag, def] of [['--batch-size <n>', '500'], ['--concurrent-batches <n>', '2'], ['--skip-iterations-before <n>', '0'], ['--elasticsearch-indexing-delay <seconds>', '60']]) {
      expect(help).toMatch(new RegExp(`${flag}[^-]*\\(default: ${def}\\)`));
    }
    expect(help).toMatch(/--es-client-cert <file>/);
  });
});

describe('signet acknowledge and acknowledge-range', () => {
  it.each([
    ['an invalid CorruptionId', (s: ReturnType<typeof setup>) => ['acknowledge', '--key-file', s.keyFile, '--corruption-id', 'bm9wZQ==', '--description', 'd', '--reason', 'r'], /^signet: invalid CorruptionId: CorruptionId does not decode to JSON\n$/],
    ['an unreadable key file', (s: ReturnType<typeof setup>) => ['acknowledge', '--key-file', s.baseDir, '--corruption-id', 'bm9wZQ==', '--description', 'd', '--reason', 'r'], /^signet: cannot read the key file .*: EISDIR\n$/],
    ['no --description off a terminal', (s: ReturnType<typeof setup>) => ['acknowledge', '--key-file', s.keyFile, '--corruption-id', 'bm9wZQ==', '--reason', 'r'], /--description is required when not running on a terminal/],
    ['a bad --from', (s: ReturnType<typeof setup>) => ['acknowledge-range', ...chainArgs('x'), '--key-file', s.keyFile, '--from', '2023-01-01', '--to', '2023-01-02T00:00:00Z'], /--from must be an RFC 3339 timestamp/],
    ['--from after --to', (s: ReturnType<typeof setup>) => ['acknowledge-range', ...chainArgs('x'), '--key-file', s.keyFile, '--from', '2023-01-02T00:00:00Z', '--to', '2023-01-01T00:00:00+02:00', '--description', 'd', '--reason', 'r'], /--from must be earlier than --to/],
  ])('%s is one line and exit 1', async (_name, args, message) => {
    const s = setup();
    const r = await run(s, ['--config-dir', s.configDir, ...args(s)]);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(1);
  });

  it('acknowledge-range acknowledges the corruptions of a time range (RFC 3339 with offsets)', async () => {
    const s = setup();
    const chain = chainOf('cli_range');
    const t0 = Date.UTC(2026, 2, 1);
    await seedChain(store.client, chain, 40, { timestampMs: (i) => t0 + Math.floor(i / 10) * DAY });
    await deleteLogs(store.client, chain, 15, 15);
    const r = await run(s, ['--config-dir', s.configDir, 'acknowledge-range', ...chainArgs('cli_range'), '--key-file', s.keyFile, '--from', '2026-03-02T02:00:00+02:00', '--to', '2026-03-03T00:00:00Z', '--description', 'lost', '--reason', 'disk', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ chain: 'elproxysigned-cli_range-6_months-0', from_iteration: 9, corruptions: 1, failed: [] });
    const v = await run(s, ['--config-dir', s.configDir, 'verify', ...chainArgs('cli_range'), '--key-file', s.keyFile]);
    expect(v.status).toBe(0);
    expect(v.stdout).toMatch(/Acknowledged corruptions \(not counted as errors\):[\s\S]*Missing logs from iteration 15 \(inclusive\) to iteration 15 \(inclusive\)/);
  });
});

// `signet serve`'s own log: time, level and target on every line, filtered by `[logger] level`
// (El Proxy's key, which Signet used to accept and ignore).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli } from '../../serve/__fixtures__/bundle-cli';
import { startServe, writeTestConfig, type CliEntry } from '../../serve/__fixtures__/crash-harness';

const LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (TRACE|DEBUG|INFO |WARN |ERROR) signet: \S/;

describe('signet serve log', () => {
  let cli: CliEntry & { dispose(): void };
  const dirs: string[] = [];
  beforeAll(async () => {
    cli = await bundleCli();
  }, 60_000);
  afterAll(() => {
    cli.dispose();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  /** Starts and stops (SIGTERM) a server with `extra` config; returns its stderr lines. */
  async function runOnce(extra: string): Promise<string[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-serve-log-'));
    dirs.push(dir);
    const s = await startServe(writeTestConfig(dir, extra), cli);
    const exited = new Promise<string>((r) => s.child.once('exit', (code, signal) => r(`${code ?? signal}`)));
    s.child.kill('SIGTERM');
    expect(await exited, s.stderr()).toBe('0');
    return s.stderr().split('\n').filter((l) => l !== '');
  }

  it('writes each line with time, level and target; info by default', async () => {
    const lines = await runOnce('');
    for (const l of lines) expect(l).toMatch(LINE);
    expect(lines.some((l) => / INFO {2}signet: embedded Elasticsearch-compatible store: http:\/\/127\.0\.0\.1:\d+ /.test(l))).toBe(true);
    expect(lines.some((l) => l.endsWith(' INFO  signet: SIGTERM: shutting down'))).toBe(true);
  }, 60_000);

  it('answers SIGHUP by reading the configuration again: logger level and signed fields applied, the rest named; a broken file changes nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-serve-log-'));
    dirs.push(dir);
    const conf = writeTestConfig(dir);
    const s = await startServe(conf, cli);
    const hangUp = async (count: number) => {
      s.child.kill('SIGHUP');
      const deadline = Date.now() + 30_000;
      while ((s.stderr().match(/SIGHUP: no TLS certificate to reload/g) ?? []).length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    };
    // 1. Nothing changed: only the (absent) certificate is reported.
    await hangUp(1);
    expect(s.stderr()).toMatch(/ INFO {2}signet: SIGHUP: no TLS certificate to reload \(web_server\.tls\.type = "None"\)\n/);
    expect(s.stderr()).not.toMatch(/SIGHUP: (logger|signed fields|changed settings)/);
    // 2. Level, fields and a setting that needs a restart changed by hand.
    const main = path.join(conf, 'elastic_blockchain_proxy.toml');
    fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace('failure_max_retries = 2', 'failure_max_retries = 3\nmessage_queue_size = 50') + '[logger]\nlevel = "debug"\n');
    fs.writeFileSync(path.join(conf, 'elastic_blockchain_proxy_fields.toml'), 'include_fields = ["@timestamp", "seq"]\n');
    await hangUp(2);
    expect(s.stderr()).toMatch(/ INFO {2}signet: SIGHUP: logger level now "debug" \(was "info"\)\n/);
    expect(s.stderr()).toMatch(/ INFO {2}signet: SIGHUP: signed fields for new logs: @timestamp, seq \(were: @timestamp, message, seq\)\n/);
    expect(s.stderr()).toMatch(/ WARN {2}signet: SIGHUP: changed settings that apply only after a restart \(still in use: the values Signet started with\): failure_max_retries, message_queue_size\n/);
    // The new level applies at once: the next request gets its debug line; the new fields are signed.
    const meta = { agent: { type: 'filebeat', version: '8.13.4' }, customer: 'logs', retention: '6_months', blockchain_tag: '0' };
    const res = await fetch(`${s.url}/api/log_batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ '@timestamp': '2026-12-07T10:00:00Z', message: 'm', seq: 1, EBP_METADATA: meta }]) });
    expect(res.status).toBe(200);
    const deadline = Date.now() + 10_000;
    while (!s.stderr().includes(' DEBUG signet: POST /api/log_batch 200') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(s.stderr()).toContain(' DEBUG signet: POST /api/log_batch 200');
    const stored = await fetch(`${s.esUrl}/*-elproxysigned-logs-*/_search`).then((r) => r.json() as Promise<{ hits: { hits: { _source: { ES_BLOCKCHAIN: { fields: Record<string, unknown> } } }[] } }>);
    expect(Object.keys(stored.hits.hits[0]?._source.ES_BLOCKCHAIN.fields ?? {}).sort()).toEqual(['@timestamp', 'seq']);
    // Audited like a console save, by the service.
    const audit = (await fetch(`${s.esUrl}/signet-audit/_search?q=action:config_change`).then((r) => r.json())) as { hits: { hits: { _source: { user: { name: string }; target: string; details: Record<string, unknown> } }[] } };
    expect(audit.hits.hits.map((h) => [h._source.user.name, h._source.target, h._source.details])).toEqual([['signet', 'elastic_blockchain_proxy_fields.toml', { trigger: 'SIGHUP', fieldsBefore: 3, fieldsAfter: 2, added: 0, removed: 1 }]]);
    // 3. A broken file: a warning naming the problem, everything in use stays, the process runs on.
    fs.writeFileSync(main, fs.readFileSync(main, 'utf8') + 'message_queue_size = "lots"\n');
    await hangUp(3);
    expect(s.stderr()).toMatch(/ WARN {2}signet: SIGHUP: the configuration was not reloaded, the one in use stays: invalid configuration .*message_queue_size/);
    expect(s.child.exitCode).toBeNull();
    // For alerting: reloads by result, and the settings still waiting for a restart.
    const metrics = await fetch(`${s.url}/api/v1/metrics/prometheus`).then((r) => r.text());
    expect(metrics).toContain('signet_config_reloads{result="applied",service_name="elproxy"} 2');
    expect(metrics).toContain('signet_config_reloads{result="invalid",service_name="elproxy"} 1');
    expect(metrics).toContain('signet_config_restart_pending{service_name="elproxy"} 2');
    const exited = new Promise<string>((r) => s.child.once('exit', (code, signal) => r(`${code ?? signal}`)));
    s.child.kill('SIGTERM');
    expect(await exited).toBe('0');
  }, 90_000);

  it('leaves out what is below [logger] level (El Proxy syntax, its crate name meaning Signet)', async () => {
    expect(await runOnce('[logger]\nlevel = "warn"\n')).toEqual([]);
    const lines = await runOnce('[logger]\nlevel = "error,elastic_blockchain_proxy=info"\n');
    expect(lines.some((l) => l.endsWith(' INFO  signet: SIGTERM: shutting down'))).toBe(true);
  }, 60_000);

  it('logs one line per ingest request at debug', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-serve-log-'));
    dirs.push(dir);
    const s = await startServe(writeTestConfig(dir, '[logger]\nlevel = "debug"\n'), cli);
    const meta = { agent: { type: 'filebeat', version: '8.13.4' }, customer: 'logs', retention: '6_months', blockchain_tag: '0' };
    const res = await fetch(`${s.url}/api/log_batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ '@timestamp': '2026-12-07T10:00:00Z', seq: 1, EBP_METADATA: meta }, 42]) });
    expect(res.status).toBe(200);
    const bad = await fetch(`${s.url}/api/log_batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[{"seq":' });
    expect(bad.status).toBe(400);
    const exited = new Promise<string>((r) => s.child.once('exit', (code, signal) => r(`${code ?? signal}`)));
    s.child.kill('SIGTERM');
    expect(await exited).toBe('0');
    const debug = s.stderr().split('\n').filter((l) => l.includes(' DEBUG signet: POST '));
    expect(debug).toHaveLength(2);
    expect(debug[0]).toMatch(/ DEBUG signet: POST \/api\/log_batch 200 from 127\.0\.0\.1 in \d+ ms: logs=2 indexed=1 dlq=0 rejected=1 chains=elproxysigned-logs-6_months-0$/);
    expect(debug[1]).toMatch(/ DEBUG signet: POST \/api\/log_batch 400 from 127\.0\.0\.1 in \d+ ms: ERR_INGEST_MALFORMED$/);
  }, 60_000);
});

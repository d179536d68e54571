// Issue 4 §7 Security: El Proxy's ingest endpoints behind web_server.tls (client_auth none /
// optional / required) and Signet's ingest credentials (None / BasicAuth / ApiKey, keys managed
// with `signet ingest-api-key`), against a real Signet with throwaway certificates. No secret —
// password, API key, private key — may appear in any answer or server log line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli } from '../cli/cli-test-helpers';
import { sendRaw, type RawAnswer, type RawRequest } from './__fixtures__/send-raw';
import { readRejected } from './__fixtures__/stored-chains';
import { makeTestCerts, type TestCerts } from './__fixtures__/test-certs';
import { startTestSignet, type TestSignet } from './__fixtures__/test-signet';

const PASSWORD = 'correct horse battery staple 7f3a';
const META = { agent: { type: 'filebeat', version: '8.13.4' }, customer: 'tls', retention: '6_months', blockchain_tag: '0' };
const LOG = JSON.stringify([{ '@timestamp': '2026-12-06T10:00:00Z', message: 'hello over TLS', seq: 1, EBP_METADATA: META }]);
/** Each `signet` run starts a Node process (seconds on a loaded 2-core machine). */
const CLI_TIMEOUT = 120_000;
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

let root: string;
let certs: TestCerts;
/** Every answer of every test, and every secret used: checked together at the end. */
const answers: RawAnswer[] = [];
const secrets: string[] = [PASSWORD, basic('shipper', PASSWORD).slice('Basic '.length)];
const servers: TestSignet[] = [];

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-tls-'));
  certs = makeTestCerts(path.join(root, 'pki'));
  fs.writeFileSync(path.join(root, 'password'), `${PASSWORD}\n`, { mode: 0o600 });
});
afterAll(async () => {
  for (const s of servers) await s.close();
  fs.rmSync(root, { recursive: true, force: true });
});

async function start(toml: string): Promise<TestSignet> {
  const s = await startTestSignet({ toml });
  servers.push(s);
  return s;
}

function tlsToml(clientAuth: 'none' | 'optional' | 'required'): string {
  return `[web_server.tls]\ntype = "PemCertificatePath"\ncertificate_path = ${JSON.stringify(certs.file('server.crt'))}\nprivate_key_path = ${JSON.stringify(certs.file('server.key'))}\n` +
    (clientAuth === 'none' ? '' : `client_ca_path = ${JSON.stringify(certs.file('ca.crt'))}\n`) + `client_auth = "${clientAuth}"\n`;
}
const basicToml = (): string => `[ingest.auth]\ntype = "BasicAuth"\nusername = "shipper"\npassword_file = ${JSON.stringify(path.join(root, 'password'))}\n`;

type Who = 'no-cert' | 'client' | 'other-client';
/** One ingest request as a shipper: trusting the test CA, with the given client certificate. */
async function ingest(s: TestSignet, who: Who, headers: Record<string, string> = {}, over: Partial<RawRequest> = {}): Promise<RawAnswer> {
  const tls: https.RequestOptions = { ca: certs.read('ca.crt'), agent: false, ...(who === 'no-cert' ? {} : { cert: certs.read(`${who}.crt`), key: certs.read(`${who}.key`) }) };
  const a = await sendRaw({ url: `${s.url}/api/log_batch`, headers: { 'content-type': 'application/json', ...headers }, body: LOG, tls, timeoutMs: 15_000, ...over });
  answers.push(a);
  return a;
}

/** The one 401 answer, whatever was wrong: nothing tells a guesser what was close. */
function expectUnauthorized(a: RawAnswer): void {
  expect(a.status).toBe(401);
  expect(JSON.parse(a.text)).toEqual({ error: { code: 'ERR_INGEST_UNAUTHORIZED', message: 'missing or invalid ingest credentials' } });
  expect(a.headers['www-authenticate']).toBeDefined();
}
const expectSigned = (a: RawAnswer) => expect({ status: a.status, body: JSON.parse(a.text) as unknown }).toMatchObject({ status: 200, body: { logs: 1, rejected: 0 } });

describe('web_server.tls, client_auth = "none", BasicAuth', () => {
  let s: TestSignet;
  beforeAll(async () => {
    s = await start(tlsToml('none') + basicToml());
  });

  it('serves HTTPS with the configured certificate and signs with the right password', async () => {
    expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const a = await ingest(s, 'no-cert', { authorization: basic('shipper', PASSWORD) });
    expectSigned(a);
    const peer = await new Promise<string>((resolve, reject) => {
      const req = https.request(`${s.url}/api/v1/status/health`, { ca: certs.read('ca.crt'), agent: false }, (res) => {
        resolve(String((res.socket as TLSSocket).getPeerCertificate().subject.CN));
        res.resume();
      });
      req.on('error', reject);
      req.end();
    });
    expect(peer).toBe('127.0.0.1');
  });

  it('answers the same 401 for a wrong password, an unknown user, no or malformed credentials', async () => {
    for (const headers of [
      { authorization: basic('shipper', 'wrong') } as Record<string, string>,
      { authorization: basic('shipper', `${PASSWORD}x`) },
      { authorization: basic('intruder', PASSWORD) },
      { authorization: `Basic ${Buffer.from(PASSWORD).toString('base64')}` },
      { authorization: 'Basic !!!' },
      { authorization: `Bearer ${PASSWORD}` },
      {},
    ]) expectUnauthorized(await ingest(s, 'no-cert', headers));
  });

  it('does not request client certificates: a valid one is no credential here', async () => {
    expectUnauthorized(await ingest(s, 'client'));
    expectSigned(await ingest(s, 'client', { authorization: basic('shipper', PASSWORD) }));
  });

  it('ignores a spoofed x-signet-client-verified header', async () => {
    expectUnauthorized(await ingest(s, 'no-cert', { 'x-signet-client-verified': '1' }));
    expectUnauthorized(await ingest(s, 'client', { 'X-Signet-Client-Verified': '1' }));
  });

  it('refuses plain HTTP on the TLS port and clients that do not trust the server', async () => {
    await expect(sendRaw({ url: s.url.replace('https:', 'http:') + '/api/log_batch', body: LOG, timeoutMs: 10_000 })).rejects.toThrow();
    await expect(sendRaw({ url: `${s.url}/api/log_batch`, body: LOG, tls: { agent: false, ca: certs.read('other-ca.crt') }, timeoutMs: 10_000 })).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
  });
});

describe('web_server.tls, client_auth = "optional", BasicAuth', () => {
  let s: TestSignet;
  beforeAll(async () => {
    s = await start(tlsToml('optional') + basicToml());
  });

  it('accepts a client certificate of client_ca_path instead of credentials', async () => {
    expectSigned(await ingest(s, 'client'));
  });

  it('does not count a certificate of another CA: credentials are still needed', async () => {
    expectUnauthorized(await ingest(s, 'other-client'));
    expectUnauthorized(await ingest(s, 'other-client', { 'x-signet-client-verified': '1' }));
    expectSigned(await ingest(s, 'other-client', { authorization: basic('shipper', PASSWORD) }));
  });

  it('lets clients without a certificate use credentials', async () => {
    expectSigned(await ingest(s, 'no-cert', { authorization: basic('shipper', PASSWORD) }));
    expectUnauthorized(await ingest(s, 'no-cert'));
    expectUnauthorized(await ingest(s, 'no-cert', { 'x-signet-client-verified': '1' }));
  });

  it('records the real peer address for a rejected log, not a spoofed x-signet-remote', async () => {
    const a = await ingest(s, 'client', { 'x-signet-remote': '203.0.113.9' }, { body: JSON.stringify([{ message: 'no metadata', marker: 'spoof-remote' }]) });
    expect(JSON.parse(a.text)).toMatchObject({ logs: 1, rejected: 1 });
    const line = readRejected(s.config.dlqDir).find((r) => JSON.stringify(r.log).includes('spoof-remote'));
    expect(line?.remote).toMatch(/127\.0\.0\.1$/);
  });
});

describe('web_server.tls, client_auth = "required"', () => {
  let s: TestSignet;
  beforeAll(async () => {
    s = await start(`${tlsToml('required')}[ingest.auth]\ntype = "ApiKey"\napi_keys_file = ${JSON.stringify(path.join(root, 'required-keys'))}\n`);
  });

  it('refuses connections without a certificate, or with one of another CA, before any request', async () => {
    for (const who of ['no-cert', 'other-client'] as const) {
      await expect(ingest(s, who, { 'x-signet-client-verified': '1' })).rejects.toThrow();
    }
  });

  it('signs for a verified client certificate without an API key', async () => {
    expectSigned(await ingest(s, 'client'));
  });
});

describe('ingest.auth ApiKey with `signet ingest-api-key`', () => {
  let s: TestSignet;
  let keysFile: string;
  let configArgs: string[];
  let header = '';
  beforeAll(async () => {
    buildCli();
    keysFile = path.join(root, 'ingest-api-keys');
    s = await start(`[ingest.auth]\ntype = "ApiKey"\napi_keys_file = ${JSON.stringify(keysFile)}\n`);
    configArgs = ['--config-dir', s.configDir];
  }, CLI_TIMEOUT);

  it('creates a key that the running server accepts at once, shown once and stored only as a digest', async () => {
    expectUnauthorized(await ingest(s, 'no-cert'));
    const r = runCli([...configArgs, 'ingest-api-key', 'create', 'logstash-1'], { cwd: s.dir });
    expect(r.status).toBe(0);
    header = /^Authorization: (ApiKey \S+)$/m.exec(r.stdout)?.[1] ?? '';
    expect(header).toMatch(/^ApiKey [A-Za-z0-9+/=]+$/);
    const key = Buffer.from(header.slice('ApiKey '.length), 'base64').toString('utf8').split(':')[1] as string;
    secrets.push(header.slice('ApiKey '.length), key);
    expect((fs.statSync(keysFile).mode & 0o777).toString(8)).toBe('600');
    expect(fs.readFileSync(keysFile, 'utf8')).not.toContain(key);
    expectSigned(await ingest(s, 'no-cert', { authorization: header }));
  }, CLI_TIMEOUT);

  it('lists ids only and refuses a duplicate id', () => {
    const list = runCli([...configArgs, 'ingest-api-key', 'list'], { cwd: s.dir });
    expect(list).toMatchObject({ status: 0, stdout: 'logstash-1\n' });
    const dup = runCli([...configArgs, 'ingest-api-key', 'create', 'logstash-1'], { cwd: s.dir });
    expect(dup.status).not.toBe(0);
    expect(dup.stderr).toMatch(/already exists/);
    expect(dup.stdout).not.toMatch(/ApiKey/);
  }, CLI_TIMEOUT);

  it('refuses a tampered key, an unknown id and other schemes with the same 401', async () => {
    const [id, key] = Buffer.from(header.slice('ApiKey '.length), 'base64').toString('utf8').split(':') as [string, string];
    const flipped = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    for (const authorization of [
      `ApiKey ${Buffer.from(`${id}:${flipped}`).toString('base64')}`,
      `ApiKey ${Buffer.from(`other:${key}`).toString('base64')}`,
      `ApiKey ${Buffer.from(`${id}:`).toString('base64')}`,
      `ApiKey ${Buffer.from(key).toString('base64')}`,
      basic(id, key),
      `Bearer ${key}`,
    ]) expectUnauthorized(await ingest(s, 'no-cert', { authorization }));
  }, CLI_TIMEOUT);

  it('revokes a key with immediate effect (no restart)', async () => {
    const second = runCli([...configArgs, 'ingest-api-key', 'create', 'logstash-2'], { cwd: s.dir });
    const header2 = /^Authorization: (ApiKey \S+)$/m.exec(second.stdout)?.[1] ?? '';
    secrets.push(header2.slice('ApiKey '.length));
    expect(runCli([...configArgs, 'ingest-api-key', 'revoke', 'logstash-1'], { cwd: s.dir })).toMatchObject({ status: 0, stdout: 'revoked logstash-1\n' });
    expectUnauthorized(await ingest(s, 'no-cert', { authorization: header }));
    expectSigned(await ingest(s, 'no-cert', { authorization: header2 }));
    expect(runCli([...configArgs, 'ingest-api-key', 'revoke', 'logstash-1'], { cwd: s.dir }).status).not.toBe(0);
    expect(runCli([...configArgs, 'ingest-api-key', 'list'], { cwd: s.dir }).stdout).toBe('logstash-2\n');
  }, CLI_TIMEOUT);
});

describe('ingest.auth None (the loopback quick start)', () => {
  it('signs without credentials, and a stray Authorization header changes nothing', async () => {
    const s = await start('');
    for (const headers of [{}, { authorization: basic('x', 'y') }] as Record<string, string>[]) {
      const a = await sendRaw({ url: `${s.url}/api/log_batch`, headers, body: LOG });
      answers.push(a);
      expectSigned(a);
    }
  });
});

describe('web_server.tls files that cannot be used', () => {
  it('stop start-up with an error naming the setting and the file, never the key', async () => {
    const cases: [string, RegExp][] = [
      [tlsToml('none').replace(certs.file('server.key'), certs.file('other-client.key')), /web_server\.tls\.private_key_path .*other-client\.key.*(match|mismatch)/],
      [tlsToml('none').replace(certs.file('server.crt'), path.join(root, 'missing.crt')), /web_server\.tls\.certificate_path .*missing\.crt.*ENOENT/],
      [tlsToml('optional').replace(certs.file('ca.crt'), certs.file('server.key')), /web_server\.tls\.client_ca_path .*server\.key/],
    ];
    for (const [toml, message] of cases) {
      const err = await startTestSignet({ toml }).then(
        async (s) => (await s.close(), null),
        (e: unknown) => e as Error,
      );
      expect(err?.message).toMatch(message);
      expect(err).toMatchObject({ code: 'ERR_SERVE_TLS' });
      expect(certs.privateKeyMaterial().filter((m) => String(err?.message).includes(m))).toEqual([]);
    }
  });
});

describe('secrets', () => {
  it('appear in no answer (body or header) and in no server log line', () => {
    const material = [...secrets, ...certs.privateKeyMaterial()].filter((x) => x.length >= 8);
    expect(material.length).toBeGreaterThan(5);
    expect(answers.length).toBeGreaterThan(25);
    const texts = [...answers.map((a) => a.text + JSON.stringify(a.headers)), ...servers.flatMap((s) => s.logs)];
    const leaks = material.filter((m) => texts.some((t) => t.includes(m)));
    expect(leaks).toEqual([]);
  });
});

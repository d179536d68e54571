// Issue 4 §7 Security: Signet's Elasticsearch client in every `[elasticsearch.auth]` mode — None,
// BasicAuth (inline or password_file), ApiKey (api_key_file), PemCertificatePath (client
// certificate) — with `ca_certificate_path`, end to end: a real Signet whose elasticsearch.url is
// an HTTPS front that demands the credential and forwards to the embedded store. Every request
// must present exactly the configured credential; a wrong one or an untrusted server is a clear,
// retryable failure that reveals no secret.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { errors } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret, type ElasticsearchAuthConfig } from '../config';
import { startEmbeddedEs } from '../embedded-es';
import { searchAll } from '../serve/__fixtures__/stored-chains';
import { sendRaw } from '../serve/__fixtures__/send-raw';
import { makeTestCerts, type TestCerts } from '../serve/__fixtures__/test-certs';
import { startTestSignet, type TestSignet } from '../serve/__fixtures__/test-signet';
import { startAuthFront, type AuthFront, type FrontRequires } from './__fixtures__/auth-front';
import { esConfig } from './__fixtures__/test-store';
import { createEsClient } from './create-es-client';

const PASSWORD = 'es-writer-password-4c1d';
const API_KEY = Buffer.from('VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw').toString('base64');
const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

let root: string;
let certs: TestCerts;
let store: Awaited<ReturnType<typeof startEmbeddedEs>>;
const running: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-es-auth-'));
  certs = makeTestCerts(path.join(root, 'pki'));
  fs.writeFileSync(path.join(root, 'es-password'), `${PASSWORD}\n`, { mode: 0o600 });
  fs.writeFileSync(path.join(root, 'es-api-key'), `${API_KEY}\n`, { mode: 0o600 });
  store = await startEmbeddedEs({ dataDir: path.join(root, 'store'), host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  for (const r of running.splice(0).reverse()) await r.close();
  await store?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

async function front(requires: FrontRequires): Promise<AuthFront> {
  const f = await startAuthFront({ cert: certs.read('server.crt'), key: certs.read('server.key'), upstream: store.url, requires });
  running.push(f);
  return f;
}

async function signet(frontUrl: string, authToml: string, ca = 'ca.crt'): Promise<TestSignet> {
  const s = await startTestSignet({ toml: `[elasticsearch]\nurl = "${frontUrl}"\nca_certificate_path = ${JSON.stringify(certs.file(ca))}\ntimeout_secs = 5\n${authToml}` });
  running.push(s);
  return s;
}

const q = (p: string) => JSON.stringify(p);
const sendLog = (s: TestSignet, customer: string) =>
  sendRaw({ url: `${s.url}/api/log`, body: JSON.stringify({ '@timestamp': '2026-12-06T10:00:00Z', message: `to ${customer}`, seq: 1, EBP_METADATA: { agent: { type: 'filebeat' }, customer, retention: '6_months', blockchain_tag: '0' } }) });

const MODES: { name: string; customer: string; requires: () => FrontRequires; toml: () => string; header: string | null; cn: string | null }[] = [
  { name: 'None', customer: 'auth_none', requires: () => ({ kind: 'none' }), toml: () => '', header: null, cn: null },
  {
    name: 'BasicAuth with password_file',
    customer: 'auth_basic_file',
    requires: () => ({ kind: 'authorization', value: basic('ebp_writer', PASSWORD) }),
    toml: () => `[elasticsearch.auth]\ntype = "BasicAuth"\nusername = "ebp_writer"\npassword_file = ${q(path.join(root, 'es-password'))}\n`,
    header: basic('ebp_writer', PASSWORD),
    cn: null,
  },
  {
    name: 'BasicAuth inline',
    customer: 'auth_basic_inline',
    requires: () => ({ kind: 'authorization', value: basic('ebp_writer', PASSWORD) }),
    toml: () => `[elasticsearch.auth]\ntype = "BasicAuth"\nusername = "ebp_writer"\npassword = ${q(PASSWORD)}\n`,
    header: basic('ebp_writer', PASSWORD),
    cn: null,
  },
  {
    name: 'ApiKey with api_key_file',
    customer: 'auth_api_key',
    requires: () => ({ kind: 'authorization', value: `ApiKey ${API_KEY}` }),
    toml: () => `[elasticsearch.auth]\ntype = "ApiKey"\napi_key_file = ${q(path.join(root, 'es-api-key'))}\n`,
    header: `ApiKey ${API_KEY}`,
    cn: null,
  },
  {
    name: 'PemCertificatePath (client certificate)',
    customer: 'auth_client_cert',
    requires: () => ({ kind: 'client-cert', ca: certs.read('ca.crt'), cn: 'logstash-shipper' }),
    toml: () => `[elasticsearch.auth]\ntype = "PemCertificatePath"\ncertificate_path = ${q(certs.file('client.crt'))}\nprivate_key_path = ${q(certs.file('client.key'))}\n`,
    header: null,
    cn: 'logstash-shipper',
  },
];

const secrets = (): string[] => [PASSWORD, API_KEY, basic('ebp_writer', PASSWORD).slice(6), ...certs.privateKeyMaterial()];
const leaks = (texts: string[]): string[] => secrets().filter((x) => texts.some((t) => t.includes(x)));

describe('Signet writes through an authenticating HTTPS front in every elasticsearch.auth mode', () => {
  for (const mode of MODES) {
    it(`${mode.name}: every request presents exactly the configured credential, and the log is stored`, async () => {
      const f = await front(mode.requires());
      const s = await signet(f.url, mode.toml());
      const a = await sendLog(s, mode.customer);
      expect({ status: a.status, body: JSON.parse(a.text) as unknown }).toMatchObject({ status: 200, body: { logs: 1, indexed: 1, dlq: 0 } });
      // Templates, the last-iteration lookup and the bulk all went through the front.
      expect(f.seen.some((r) => r.url.startsWith('/_bulk'))).toBe(true);
      expect(f.seen.filter((r) => !r.accepted || r.authorization !== mode.header || r.clientCn !== mode.cn)).toEqual([]);
      const stored = await searchAll(store.url, `*-elproxysigned-${mode.customer}-6_months-0`);
      expect(stored.map((d) => d.message)).toEqual([`to ${mode.customer}`]);
      expect(leaks([a.text, ...s.logs])).toEqual([]);
    });
  }
});

describe('Elasticsearch credentials or trust that do not match', () => {
  it('a wrong password: Signet answers a retryable 503 and logs the refusal, never the password', async () => {
    const f = await front({ kind: 'authorization', value: basic('ebp_writer', PASSWORD) });
    const wrong = 'not-the-password-9d2e';
    const s = await signet(f.url, `[elasticsearch.auth]\ntype = "BasicAuth"\nusername = "ebp_writer"\npassword = ${q(wrong)}\n`);
    const a = await sendLog(s, 'auth_wrong_password');
    expect(a.status).toBe(503);
    expect(a.headers['retry-after']).toBeDefined();
    expect(JSON.parse(a.text)).toMatchObject({ error: { code: expect.stringMatching(/^ERR_/) } });
    expect(f.seen.length).toBeGreaterThan(0);
    expect(f.seen.every((r) => !r.accepted && r.authorization === basic('ebp_writer', wrong))).toBe(true);
    expect(s.logs.join('\n')).toMatch(/401|security_exception|authenticat/i);
    const texts = [a.text, ...s.logs];
    expect(leaks(texts)).toEqual([]);
    expect(texts.filter((t) => t.includes(wrong) || t.includes(basic('ebp_writer', wrong).slice(6)))).toEqual([]);
  });

  it('a server certificate from another CA: the client refuses it before sending anything, with a clear error', async () => {
    const f = await front({ kind: 'authorization', value: basic('ebp_writer', PASSWORD) });
    const auth: ElasticsearchAuthConfig = { type: 'BasicAuth', username: 'ebp_writer', password: { kind: 'inline', value: new Secret(PASSWORD) } };
    const client = createEsClient(esConfig({ caCertificatePath: certs.file('other-ca.crt'), auth }), { url: f.url });
    const err = await client.info().catch((e: unknown) => e);
    await client.close();
    expect(err).toBeInstanceOf(errors.ConnectionError);
    expect((err as Error).message).toMatch(/self[- ]signed certificate|unable to verify|unable to get local issuer/i);
    expect(f.seen).toEqual([]);

    // Signet itself: 503 (Logstash retries), the certificate problem in the log, nothing sent.
    const s = await signet(f.url, `[elasticsearch.auth]\ntype = "BasicAuth"\nusername = "ebp_writer"\npassword_file = ${q(path.join(root, 'es-password'))}\n`, 'other-ca.crt');
    const a = await sendLog(s, 'auth_wrong_ca');
    expect(a.status).toBe(503);
    expect(s.logs.join('\n')).toMatch(/self[- ]signed certificate|unable to verify|unable to get local issuer/i);
    expect(f.seen).toEqual([]);
    expect(leaks([a.text, ...s.logs])).toEqual([]);
  });

  it('a client certificate from another CA is refused by the TLS layer', async () => {
    const f = await front({ kind: 'client-cert', ca: certs.read('ca.crt'), cn: 'logstash-shipper' });
    const client = createEsClient(
      esConfig({ caCertificatePath: certs.file('ca.crt'), auth: { type: 'PemCertificatePath', certificatePath: certs.file('other-client.crt'), privateKeyPath: certs.file('other-client.key') } }),
      { url: f.url },
    );
    const err = await client.info().catch((e: unknown) => e);
    await client.close();
    expect(err).toBeInstanceOf(errors.ConnectionError);
    expect(f.seen).toEqual([]);
    expect(leaks([(err as Error).message])).toEqual([]);
  });
});

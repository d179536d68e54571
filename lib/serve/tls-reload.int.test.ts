// A rotated TLS certificate is picked up without a restart (RunningSignet.reload, which
// `signet serve` runs on SIGHUP); a broken replacement leaves the certificate in use in place.
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCerts, type TestCerts } from './__fixtures__/test-certs';
import { startTestSignet, type TestSignet } from './__fixtures__/test-signet';

let root: string;
let first: TestCerts;
let second: TestCerts;
let s: TestSignet;
const live = (name: string) => path.join(root, 'live', name);

/** The fingerprint of the certificate a new TLS connection is served. */
function servedFingerprint(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: hostname, port: Number(port), ca: [first.read('ca.crt'), second.read('ca.crt')] }, () => {
      const fp = socket.getPeerX509Certificate()?.fingerprint256 ?? '';
      socket.end();
      resolve(fp);
    });
    socket.on('error', reject);
  });
}
const fingerprintOf = (pem: Buffer) => new X509Certificate(pem).fingerprint256;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-tls-reload-'));
  first = makeTestCerts(path.join(root, 'first'));
  second = makeTestCerts(path.join(root, 'second'));
  fs.mkdirSync(path.join(root, 'live'));
  fs.copyFileSync(first.file('server.crt'), live('server.crt'));
  fs.copyFileSync(first.file('server.key'), live('server.key'));
  s = await startTestSignet({
    toml: `[web_server.tls]\ntype = "PemCertificatePath"\ncertificate_path = ${JSON.stringify(live('server.crt'))}\nprivate_key_path = ${JSON.stringify(live('server.key'))}\n`,
  });
}, 120_000);
afterAll(async () => {
  await s?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('reloading the TLS certificate', () => {
  it('serves the new certificate to new connections after a reload, and keeps the old one when the new files are unusable', async () => {
    expect(await servedFingerprint(s.url)).toBe(fingerprintOf(first.read('server.crt')));

    // Rotated on disk: nothing changes until the reload.
    fs.copyFileSync(second.file('server.crt'), live('server.crt'));
    fs.copyFileSync(second.file('server.key'), live('server.key'));
    expect(await servedFingerprint(s.url)).toBe(fingerprintOf(first.read('server.crt')));
    expect(s.running.reload(s.config)).toEqual([{ ok: true, message: `TLS certificate reloaded from ${live('server.crt')}` }]);
    expect(await servedFingerprint(s.url)).toBe(fingerprintOf(second.read('server.crt')));

    // Half-rotated: the key of another certificate. Refused, the certificate in use stays.
    fs.copyFileSync(first.file('server.key'), live('server.key'));
    const [r] = s.running.reload(s.config);
    if (r === undefined) throw new Error('no reload line');
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/^TLS certificate not reloaded, the one in use stays: web_server\.tls\.private_key_path .* does not match the certificate/);
    expect(r.message).not.toContain('PRIVATE KEY');
    expect(await servedFingerprint(s.url)).toBe(fingerprintOf(second.read('server.crt')));
  });
});

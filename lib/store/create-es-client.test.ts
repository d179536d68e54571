import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { inspect } from 'node:util';
import { errors, type Client } from '@elastic/elasticsearch';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Secret, type ElasticsearchConfig } from '../config';
import { hasCode } from '../errors';
import { esConfig } from './__fixtures__/test-store';
import { classifyRequestError } from './classify-request-error';
import { createEsClient } from './create-es-client';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  peerCn: string | null;
}

let dir: string;
const file = (name: string) => path.join(dir, name);

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** A CA, a server certificate for 127.0.0.1 signed by it, a client certificate, and an unrelated CA. */
function makeCertificates(): void {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  for (const ca of ['ca', 'other-ca']) {
    openssl('req', '-x509', ...ec, '-keyout', `${ca}.key`, '-out', `${ca}.crt`, '-days', '2', '-subj', `/CN=Signet test ${ca}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  }
  writeFileSync(file('server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  writeFileSync(file('client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const [name, cn] of [['server', '127.0.0.1'], ['client', 'signet-writer']] as const) {
    openssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`);
  }
}

/** A server that records each request and answers like Elasticsearch (product header). */
async function recordingServer(kind: 'http' | 'https' | 'mtls'): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const socket = req.socket as TLSSocket;
    const peer = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate() : null;
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, peerCn: peer && typeof peer.subject?.CN === 'string' ? peer.subject.CN : null });
    req.resume();
    const answer = (status: number) => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' });
      res.end(status === 200 ? '{"tagline":"You Know, for Search"}' : `{"error":{"type":"x","reason":"status ${status}"},"status":${status}}`);
    };
    if (req.url === '/slow') setTimeout(() => answer(200), 1500).unref();
    else if (req.url === '/unavailable') answer(503);
    else if (req.url === '/denied') answer(401);
    else answer(200);
  };
  const server =
    kind === 'http'
      ? http.createServer(handler)
      : https.createServer(
          { key: readFileSync(file('server.key')), cert: readFileSync(file('server.crt')), ...(kind === 'mtls' ? { ca: readFileSync(file('ca.crt')), requestCert: true, rejectUnauthorized: true } : {}) },
          handler,
        );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${kind === 'http' ? 'http' : 'https'}://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

const clients: Client[] = [];
function client(es: Partial<ElasticsearchConfig>, url: string): Client {
  const c = createEsClient(esConfig(es), { url });
  clients.push(c);
  return c;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'signet-store-client-'));
  makeCertificates();
});
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createEsClient over HTTP', () => {
  let srv: Awaited<ReturnType<typeof recordingServer>>;
  beforeAll(async () => {
    srv = await recordingServer('http');
  });
  afterAll(() => srv.close());

  it('sends no credentials with auth None', async () => {
    await client({}, srv.url).transport.request({ method: 'GET', path: '/' });
    expect(srv.seen.at(-1)!.headers.authorization).toBeUndefined();
  });

  it('sends Basic credentials, inline or from a password file', async () => {
    await client({ auth: { type: 'BasicAuth', username: 'ebp_user', password: { kind: 'inline', value: new Secret('s3cr:et') } } }, srv.url).transport.request({ method: 'GET', path: '/' });
    expect(srv.seen.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from('ebp_user:s3cr:et').toString('base64')}`);
    writeFileSync(file('password'), 'from-file\n');
    await client({ auth: { type: 'BasicAuth', username: 'u', password: { kind: 'file', path: file('password') } } }, srv.url).transport.request({ method: 'GET', path: '/' });
    expect(srv.seen.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from('u:from-file').toString('base64')}`);
  });

  it('sends an API key as Authorization: ApiKey, from a file', async () => {
    const key = Buffer.from('key-id:key-secret').toString('base64');
    writeFileSync(file('api_key'), `${key}\n`);
    await client({ auth: { type: 'ApiKey', apiKey: { kind: 'file', path: file('api_key') } } }, srv.url).transport.request({ method: 'GET', path: '/' });
    expect(srv.seen.at(-1)!.headers.authorization).toBe(`ApiKey ${key}`);
  });

  it('keeps credentials out of errors', async () => {
    const c = client({ auth: { type: 'BasicAuth', username: 'ebp_user', password: { kind: 'inline', value: new Secret('hunter2-very-secret') } } }, srv.url);
    const err = await c.transport.request({ method: 'GET', path: '/denied' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(errors.ResponseError);
    const printed = inspect(err, { depth: 20 }) + JSON.stringify((err as errors.ResponseError).meta);
    expect(printed).not.toContain('hunter2-very-secret');
    expect(printed).not.toContain(Buffer.from('ebp_user:hunter2-very-secret').toString('base64'));
  });

  it('applies timeout_secs as the request timeout', async () => {
    const err = await client({ timeoutSecs: 0.3 }, srv.url).transport.request({ method: 'GET', path: '/slow' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(errors.TimeoutError);
  });

  it('does not retry by itself (Signet retries with its own policy)', async () => {
    const before = srv.seen.length;
    const err = await client({}, srv.url).transport.request({ method: 'GET', path: '/unavailable' }).catch((e: unknown) => e);
    expect((err as errors.ResponseError).statusCode).toBe(503);
    expect(srv.seen.length - before).toBe(1);
  });
});

describe('createEsClient over TLS', () => {
  let tls: Awaited<ReturnType<typeof recordingServer>>;
  let mtls: Awaited<ReturnType<typeof recordingServer>>;
  beforeAll(async () => {
    tls = await recordingServer('https');
    mtls = await recordingServer('mtls');
  });
  afterAll(async () => {
    await tls.close();
    await mtls.close();
  });

  it('trusts the server through ca_certificate_path', async () => {
    const body = await client({ caCertificatePath: file('ca.crt') }, tls.url).transport.request({ method: 'GET', path: '/' });
    expect(body).toEqual({ tagline: 'You Know, for Search' });
  });

  it('refuses a server whose certificate another CA signed (or no CA is configured), before sending anything', async () => {
    for (const es of [{ caCertificatePath: file('other-ca.crt') }, {}]) {
      const before = tls.seen.length;
      const err = await client(es, tls.url).transport.request({ method: 'GET', path: '/' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(errors.ConnectionError);
      expect(tls.seen.length).toBe(before);
      // A handshake failure means nothing was written: a delivery may roll back.
      expect(classifyRequestError(err).kind).toBe('not_written');
    }
  });

  it('presents the client certificate with PemCertificatePath (mutual TLS)', async () => {
    const c = client({ caCertificatePath: file('ca.crt'), auth: { type: 'PemCertificatePath', certificatePath: file('client.crt'), privateKeyPath: file('client.key') } }, mtls.url);
    await c.transport.request({ method: 'GET', path: '/' });
    expect(mtls.seen.at(-1)).toMatchObject({ peerCn: 'signet-writer' });
    expect(mtls.seen.at(-1)!.headers.authorization).toBeUndefined();
  });

  it('cannot reach a mutual-TLS server without a client certificate', async () => {
    const before = mtls.seen.length;
    const err = await client({ caCertificatePath: file('ca.crt') }, mtls.url).transport.request({ method: 'GET', path: '/' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(errors.ConnectionError);
    expect(mtls.seen.length).toBe(before);
  });
});

describe('createEsClient configuration errors', () => {
  it('needs a URL', () => {
    expect(() => createEsClient(esConfig())).toThrow(expect.objectContaining({ code: 'ERR_STORE_CONFIG' }));
  });

  it('names an unreadable file, never a secret', () => {
    const missing = path.join(dir, 'nope.pem');
    for (const es of [
      { caCertificatePath: missing },
      { auth: { type: 'PemCertificatePath', certificatePath: missing, privateKeyPath: file('client.key') } },
      { auth: { type: 'BasicAuth', username: 'u', password: { kind: 'file', path: missing } } },
      { auth: { type: 'ApiKey', apiKey: { kind: 'file', path: missing } } },
    ] as Partial<ElasticsearchConfig>[]) {
      let err: unknown;
      try {
        createEsClient(esConfig(es), { url: 'https://127.0.0.1:9200' });
      } catch (e) {
        err = e;
      }
      expect(hasCode(err, 'ERR_STORE_CONFIG')).toBe(true);
      expect((err as Error).message).toContain(missing);
    }
  });
});

// A small HTTPS front for Elasticsearch-auth tests: it demands one credential — Basic, an API
// key or a client certificate of a given CA — answers 401 like Elasticsearch's security layer
// otherwise, and forwards everything else to a plain-HTTP store (the embedded one). It records
// what each request presented, so a test can assert the client sent exactly the right thing.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';

export type FrontRequires =
  | { kind: 'none' }
  | { kind: 'authorization'; value: string }
  | { kind: 'client-cert'; ca: Buffer; cn: string };

export interface Presented {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | null;
  /** CN of a client certificate the TLS layer verified, else null. */
  readonly clientCn: string | null;
  readonly accepted: boolean;
}

export interface AuthFront {
  readonly url: string;
  readonly seen: Presented[];
  close(): Promise<void>;
}

export async function startAuthFront(o: { cert: Buffer; key: Buffer; upstream: string; requires: FrontRequires }): Promise<AuthFront> {
  const seen: Presented[] = [];
  const upstream = new URL(o.upstream);
  const req = o.requires;
  const server = https.createServer(
    { cert: o.cert, key: o.key, ...(req.kind === 'client-cert' ? { ca: req.ca, requestCert: true, rejectUnauthorized: true } : {}) },
    (inReq, res) => {
      const socket = inReq.socket as TLSSocket;
      const peer = socket.authorized ? socket.getPeerCertificate() : null;
      const clientCn = peer && typeof peer.subject?.CN === 'string' ? peer.subject.CN : null;
      const authorization = inReq.headers.authorization ?? null;
      const accepted = req.kind === 'none' || (req.kind === 'authorization' ? authorization === req.value : clientCn === req.cn);
      seen.push({ method: inReq.method ?? '', url: inReq.url ?? '', authorization, clientCn, accepted });
      if (!accepted) {
        inReq.resume();
        res.writeHead(401, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch', 'www-authenticate': 'Basic realm="security", ApiKey' });
        res.end(JSON.stringify({ error: { root_cause: [{ type: 'security_exception', reason: 'unable to authenticate' }], type: 'security_exception', reason: 'unable to authenticate' }, status: 401 }));
        return;
      }
      const headers = { ...inReq.headers, host: upstream.host };
      delete headers.authorization;
      const out = http.request({ host: upstream.hostname, port: upstream.port, path: inReq.url, method: inReq.method, headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      out.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      inReq.pipe(out);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

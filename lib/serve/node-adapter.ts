import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { IngestRequest } from '../ingest';
import type { HttpAnswer } from '../services';

/** Headers only Signet's server may set: any incoming copy is removed before routing. */
export const TRUSTED_HEADERS = ['x-signet-client-verified', 'x-signet-remote'] as const;

/**
 * Removes spoofed trusted headers and sets them from the connection: whether the TLS layer
 * verified a client certificate, and the peer address.
 */
export function annotateRequest(req: IncomingMessage): void {
  for (const h of TRUSTED_HEADERS) delete req.headers[h];
  const socket = req.socket as TLSSocket;
  if (socket.encrypted === true && socket.authorized) req.headers['x-signet-client-verified'] = '1';
  if (socket.remoteAddress) req.headers['x-signet-remote'] = socket.remoteAddress;
}

/** The ingest service's view of a node request (the server's direct path). */
export function ingestFromNodeRequest(req: IncomingMessage, kind: IngestRequest['kind']): IngestRequest {
  return {
    kind,
    method: req.method ?? 'GET',
    headers: { get: (name) => headerValue(req.headers[name.toLowerCase()]) },
    body: req,
    caller: { authorization: headerValue(req.headers.authorization), clientCertVerified: req.headers['x-signet-client-verified'] === '1' },
    remote: headerValue(req.headers['x-signet-remote']),
  };
}

export function writeAnswer(res: ServerResponse, a: HttpAnswer): void {
  const isText = typeof a.body === 'string';
  const body = isText ? (a.body as string) : JSON.stringify(a.body);
  res.writeHead(a.status, { 'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json', 'content-length': Buffer.byteLength(body), ...a.headers });
  res.end(body);
}

function headerValue(v: string | string[] | undefined): string | null {
  return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
}

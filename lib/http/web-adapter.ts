import type { IngestRequest } from '../ingest';
import type { HttpAnswer } from '../services';

/** Writes a plain answer as a Fetch API Response (Next.js route handlers). */
export function toWebResponse(a: HttpAnswer): Response {
  const isText = typeof a.body === 'string';
  const headers = new Headers(a.headers);
  if (!headers.has('content-type')) headers.set('content-type', isText ? 'text/plain; charset=utf-8' : 'application/json');
  return new Response(isText ? (a.body as string) : JSON.stringify(a.body), { status: a.status, headers });
}

/**
 * Describes a route handler's Request for the ingest service. The client-certificate verdict and
 * the remote address come from headers that only Signet's own server sets (it strips them from
 * incoming requests first), since a route handler cannot see the TLS socket.
 */
export function ingestFromWebRequest(req: Request, kind: IngestRequest['kind']): IngestRequest {
  return {
    kind,
    method: req.method,
    headers: req.headers,
    body: req.body as AsyncIterable<Uint8Array> | null,
    caller: { authorization: req.headers.get('authorization'), clientCertVerified: req.headers.get('x-signet-client-verified') === '1' },
    remote: req.headers.get('x-signet-remote'),
  };
}

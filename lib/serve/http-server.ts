import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { TlsConfig } from '../config';
import type { HttpAnswer, SignetServices } from '../services';
import { annotateRequest, ingestFromNodeRequest, writeAnswer } from './node-adapter';
import { tlsServerOptions } from './tls-server-options';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

const DIRECT: Record<string, 'single' | 'batch'> = { '/api/log': 'single', '/api/log_batch': 'batch' };
/** El Proxy's GET endpoints, the same handlers as the Next.js routes under app/api/v1. */
const STATUS: Record<string, 'dlqStatus' | 'keysBackupStatus' | 'metrics' | 'health'> = {
  '/api/v1/status/dlq': 'dlqStatus',
  '/api/v1/status/keys_backup': 'keysBackupStatus',
  '/api/v1/metrics/prometheus': 'metrics',
  '/api/v1/status/health': 'health',
};

function serveStatus(services: SignetServices, method: string, name: (typeof STATUS)[string]): Promise<HttpAnswer> {
  if (method !== 'GET' && method !== 'HEAD') {
    return Promise.resolve({ status: 405, headers: { Allow: 'GET, HEAD' }, body: { error: { code: 'ERR_METHOD', message: `method ${method} is not allowed here; use GET` } } });
  }
  return services[name]();
}

/**
 * The one listener of `signet serve`: plain HTTP or TLS as El Proxy configures it
 * (`web_server.tls`), optionally asking for client certificates (mTLS: `client_auth =
 * "required"` refuses connections without a valid one; `"optional"` lets the ingest
 * authenticator accept a verified one instead of credentials). Every request is annotated with
 * trusted headers, then served by the services directly (`direct`: El Proxy's ingest and status
 * paths) or by Next.js (console, API routes, everything else).
 *
 * @throws {ServeError} ERR_SERVE_TLS when a `web_server.tls` file cannot be used.
 */
export function createHttpServer(o: { tls: TlsConfig; next: RequestHandler; services: SignetServices; direct: boolean; onError: (err: unknown) => void }): http.Server {
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    annotateRequest(req);
    const path = (req.url ?? '/').split('?')[0] as string;
    const kind = o.direct ? DIRECT[path] : undefined;
    const status = o.direct ? STATUS[path] : undefined;
    const done =
      kind !== undefined
        ? o.services.ingest(ingestFromNodeRequest(req, kind)).then((a) => writeAnswer(res, a))
        : status !== undefined
          ? serveStatus(o.services, req.method ?? 'GET', status).then((a) => writeAnswer(res, a))
          : Promise.resolve(o.next(req, res));
    done.catch((err: unknown) => {
      o.onError(err);
      if (!res.headersSent) writeAnswer(res, { status: 500, headers: {}, body: { error: { code: 'ERR_INTERNAL', message: 'internal error' } } });
      else res.destroy();
    });
  };
  if (o.tls.type === 'None') return http.createServer(SERVER_OPTIONS, handler);
  return https.createServer({ ...tlsServerOptions(o.tls), ...SERVER_OPTIONS }, handler);
}

/**
 * Idle keep-alive connections are kept 65 s, not Node's 5 s: shippers pool their connections
 * (Logstash's http output, Elastic Agents), and a batch every few seconds would otherwise find
 * its connection closed — a new TCP and TLS handshake per batch, and now and then a request sent
 * just as the server closes the idle socket, which the client sees as "socket hang up" (most
 * likely what ended one ingest benchmark run). 65 s is above the usual client and load-balancer
 * idle times (60 s); a stop still closes idle connections at once (lib/http gracefulClose).
 */
const SERVER_OPTIONS = { keepAliveTimeout: 65_000 } as const;

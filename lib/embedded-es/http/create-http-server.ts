/**
 * The Node HTTP server around `handleRequest`, with graceful close: stop accepting, let in-flight
 * requests finish (their answers depend on the log being open), then drop idle keep-alive
 * connections.
 */
import http from 'node:http';
import type { EmbeddedEsLogger } from '../types';
import { handleRequest, type HandleOptions } from './handle-request';

export interface HttpServerHandle {
  server: http.Server;
  /** Resolves when every in-flight request has been answered. */
  drain(): Promise<void>;
}

export function createHttpServer(opts: HandleOptions, logger: EmbeddedEsLogger | undefined): HttpServerHandle {
  const inflight = new Set<Promise<void>>();
  const server = http.createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, (req, res) => {
    const p = handleRequest(req, res, opts).catch((err: unknown) => {
      logger?.error?.('request failed', { error: err instanceof Error ? err.stack : String(err), url: req.url });
      if (!res.headersSent) {
        res.writeHead(500, { 'X-elastic-product': 'Elasticsearch', 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { root_cause: [{ type: 'exception', reason: 'internal error' }], type: 'exception', reason: 'internal error' }, status: 500 }));
      } else res.destroy();
    });
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nX-elastic-product: Elasticsearch\r\n\r\n');
    else socket.destroy();
  });
  return {
    server,
    async drain() {
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },
  };
}

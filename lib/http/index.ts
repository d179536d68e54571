/**
 * lib/http — the seams between Node's HTTP server, Next.js route handlers and Signet's services.
 *
 * Contract: adapters only, no business rules. `web-adapter.ts` turns a route handler's Fetch
 * `Request` into the ingest service's request and a service answer into a `Response`;
 * `graceful-close.ts` stops a Node HTTP(S) server the way an upgrade should (no new connections,
 * every request already received answered, bounded in time). I/O: the server's sockets only.
 */
export { gracefulClose, type GracefulClose } from './graceful-close';
export { ingestFromWebRequest, toWebResponse } from './web-adapter';

/**
 * lib/http — the seams between Node's HTTP server, Next.js route handlers and Signet's services.
 *
 * Contract: adapters only, no business rules. `web-adapter.ts` turns a route handler's Fetch
 * `Request` into the ingest service's request and a service answer into a `Response`;
 * `collect-body.ts` reads a body (and inflates a compressed one) into one buffer within a bound,
 * telling the caller the memory it takes as it grows (the ingest service and the embedded store);
 * `graceful-close.ts` stops a Node HTTP(S) server the way an upgrade should (no new connections,
 * every request already received answered, bounded in time). I/O: the server's sockets only.
 */
export { BodyBuffer, collectBody, inflateBody, type CollectLimits } from './collect-body';
export { gracefulClose, type GracefulClose } from './graceful-close';
export { ingestFromWebRequest, toWebResponse } from './web-adapter';

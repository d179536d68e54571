// Contract: closes a Node HTTP(S) server the way a service stopped for an upgrade should —
// no new connections, every request already received answered, and each of those answers tells
// the client to drop the connection — within a bounded time. I/O: the server's sockets only.
import type { Server, ServerResponse } from 'node:http';

export interface GracefulClose {
  /**
   * Stops accepting connections, closes the idle ones, and waits up to `graceMs` for the requests
   * in flight to be answered (each answer carries `Connection: close`); then cuts whatever is still
   * open. Resolves once every connection is closed. Calling it again returns the same promise.
   * @returns how many requests were still unanswered when the grace period ran out.
   */
  close(graceMs: number): Promise<{ readonly cutOff: number }>;
  /** Requests received and not yet answered. */
  inFlight(): number;
}

/**
 * Tracks `server`'s requests from now on (call it before the server listens).
 *
 * Why: a shipper whose request is cut off retries it, and a batch that was signed and stored
 * before the cut is then stored a second time at new iterations (as after a crash). Answering
 * what was received before closing keeps a routine stop — `systemctl stop`, an upgrade — free of
 * such duplicates; `Connection: close` makes keep-alive clients (Logstash's connection pool)
 * reconnect, and so find the next instance, instead of sending more on a closing socket.
 */
export function gracefulClose(server: Server): GracefulClose {
  const open = new Set<ServerResponse>();
  let closing: Promise<{ readonly cutOff: number }> | null = null;
  const dropAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  };
  // First in line, so that it runs before a handler that answers synchronously.
  server.prependListener('request', (_req, res: ServerResponse) => {
    open.add(res);
    res.once('close', () => open.delete(res));
    // Arrived on a busy keep-alive connection while closing: answered, then that connection ends.
    if (closing !== null) dropAfter(res);
  });
  return {
    inFlight: () => open.size,
    close(graceMs) {
      closing ??= new Promise((resolve) => {
        for (const res of open) dropAfter(res);
        let cutOff = 0;
        const timer = setTimeout(() => {
          cutOff = open.size;
          server.closeAllConnections();
        }, graceMs);
        // Node (≥ 19) closes the idle keep-alive connections here and calls back once none is left.
        server.close(() => {
          clearTimeout(timer);
          resolve({ cutOff });
        });
      });
      return closing;
    },
  };
}

/**
 * Starts the embedded Elasticsearch-compatible store: recover the data directory, open the
 * write-ahead log, listen on loopback, and hand back the URL, the fault controller and `close()`.
 */
import type { AddressInfo } from 'node:net';
import { FaultController } from './faults/fault-controller';
import { createHttpServer } from './http/create-http-server';
import { buildRouter } from './http/routes';
import type { ServerContext } from './http/server-context';
import { SearchContexts } from './search/search-contexts';
import { Store } from './state/store';
import { DiskStorage } from './storage/disk-storage';
import type { EmbeddedEs, EmbeddedEsOptions } from './types';

const DEFAULT_MAX_CONTENT = 100 * 1024 * 1024;

function assertOptions(o: EmbeddedEsOptions): void {
  if (o === null || typeof o !== 'object') throw new TypeError('options must be an object');
  if (typeof o.dataDir !== 'string' || o.dataDir === '') throw new TypeError('options.dataDir must be a non-empty string');
  if (o.host !== undefined && (typeof o.host !== 'string' || o.host === '')) throw new TypeError('options.host must be a non-empty string');
  if (o.port !== undefined && (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535)) throw new TypeError('options.port must be an integer in [0, 65535]');
  if (o.maxContentLength !== undefined && (!Number.isInteger(o.maxContentLength) || o.maxContentLength <= 0)) {
    throw new TypeError('options.maxContentLength must be a positive integer');
  }
  if (o.compactThresholdBytes !== undefined && (!Number.isInteger(o.compactThresholdBytes) || o.compactThresholdBytes <= 0)) {
    throw new TypeError('options.compactThresholdBytes must be a positive integer');
  }
  if (o.lockWaitMs !== undefined && (!Number.isInteger(o.lockWaitMs) || o.lockWaitMs < 0)) throw new TypeError('options.lockWaitMs must be a non-negative integer');
}

/**
 * Starts the store.
 * @param options data directory, listen address, limits, fault injection, logger.
 * @example
 * const es = await startEmbeddedEs({ dataDir: '/var/lib/signet/es' });
 * const client = new Client({ node: es.url });
 * // ...
 * await es.close();
 * @throws TypeError for invalid options; EmbeddedEsError `ERR_EMBEDDED_ES_IO` (directory locked
 *   or unreadable) or `ERR_EMBEDDED_ES_CORRUPT` (damaged snapshot or mid-log corruption).
 */
export async function startEmbeddedEs(options: EmbeddedEsOptions): Promise<EmbeddedEs> {
  assertOptions(options);
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger;
  const store = new Store();
  const threshold = options.compactThresholdBytes ?? 512 * 1024 * 1024;
  const storage = await DiskStorage.open(store, {
    dataDir: options.dataDir,
    compactThresholdBytes: threshold,
    startupCompactBytes: Math.min(threshold, 64 * 1024 * 1024),
    logger,
    lockWaitMs: options.lockWaitMs,
  });
  store.persistence = storage;
  const contexts = new SearchContexts();
  const faults = new FaultController(options.faultInjection === true);
  const ctx: ServerContext = { store, contexts, faults, startedAt: Date.now() };
  const { server, drain } = createHttpServer({ router: buildRouter(faults.enabled), ctx, maxContentLength: options.maxContentLength ?? DEFAULT_MAX_CONTENT, logger }, logger);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    contexts.close();
    await storage.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger?.info?.('embedded Elasticsearch-compatible store listening', { url, dataDir: options.dataDir });
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    faults,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await drain();
        server.closeAllConnections();
        await stopped;
        contexts.close();
        await storage.close();
      })();
      return closing;
    },
  };
}

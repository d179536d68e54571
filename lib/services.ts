/**
 * The running services of this process, as route handlers see them.
 *
 * `signet serve` builds the services once (lib/serve, the composition root) and installs them
 * here. Next.js bundles route handlers separately from the CLI, so each bundle has its own copy of
 * every module: the only shared place is `globalThis`, and only plain data and functions cross it
 * (no `instanceof` across the boundary).
 */
import type { IngestRequest, IngestResponse } from './ingest';

/** A plain HTTP answer that any HTTP layer can write. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** A string is sent as is; an object as JSON. */
  readonly body: string | Record<string, unknown>;
}

export interface SignetServices {
  ingest(req: IngestRequest): Promise<IngestResponse>;
  dlqStatus(): Promise<HttpAnswer>;
  keysBackupStatus(): Promise<HttpAnswer>;
  metrics(): Promise<HttpAnswer>;
  health(): Promise<HttpAnswer>;
}

const KEY = Symbol.for('signet.services');

export function installServices(services: SignetServices | null): void {
  (globalThis as Record<symbol, unknown>)[KEY] = services;
}

/** The services, or null when this process was not started by `signet serve`. */
export function getServices(): SignetServices | null {
  return ((globalThis as Record<symbol, unknown>)[KEY] as SignetServices | undefined) ?? null;
}

/** The answer when routes run without services (e.g. plain `next start`). */
export const NOT_SERVING: HttpAnswer = {
  status: 503,
  headers: { 'Retry-After': '5' },
  body: { error: { code: 'ERR_NOT_SERVING', message: "Signet's services are not running in this process; start it with `signet serve`" } },
};

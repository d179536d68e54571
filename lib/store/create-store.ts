import { setTimeout as delay } from 'node:timers/promises';
import type { Client } from '@elastic/elasticsearch';
import type { StorePort } from '../chains';
import { deliverItems } from './deliver-items';
import { maxIteration } from './max-iteration';
import { PING_TIMEOUT_MS, pingStore } from './ping-store';
import type { StoreMetrics } from './store-metrics';
import { createWriteGate } from './write-gate';

export interface CreateStoreOptions {
  /** `failure_max_retries`: retries of a failed bulk request (and of 429/5xx items) per delivery; 0 = none. */
  readonly failureMaxRetries: number;
  /** `failure_sleep_ms_between_retries`: base of the exponential back-off (base × 2^n, ≤ 30 s). */
  readonly failureSleepMsBetweenRetries: number;
  /** Fed with `elasticsearch_requests` and `write_logs_elasticsearch_response_time`. */
  readonly metrics?: StoreMetrics;
  /** Waits between retries; injectable so tests need not sleep. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Timeout of `ping()` in ms (default 2000). */
  readonly pingTimeoutMs?: number;
  /**
   * Runs before the first delivery until it succeeds (the index templates; see `createWriteGate`):
   * while the store is unavailable for it, `deliver` answers `not_indexed` without writing.
   */
  readonly prepare?: () => Promise<unknown>;
}

function assertCount(name: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new TypeError(`options.${name} must be a non-negative integer`);
}

/**
 * The `StorePort` of lib/chains over the official client: `deliver` (El Proxy's write strategies,
 * see `deliverItems`), `maxIteration` (the chain's highest stored iteration) and `ping`.
 *
 * @param client the client from `createEsClient`.
 * @param options retry policy, metrics, injectable sleep.
 * @throws TypeError for invalid options.
 * @example
 * const store = createStore(client, { failureMaxRetries: 5, failureSleepMsBetweenRetries: 500, metrics });
 * const result = await store.deliver(items); // { outcome: 'done', items: [{ status: 'indexed' }, …] }
 */
export function createStore(client: Client, options: CreateStoreOptions): StorePort {
  assertCount('failureMaxRetries', options.failureMaxRetries);
  assertCount('failureSleepMsBetweenRetries', options.failureSleepMsBetweenRetries);
  const ctx = {
    client,
    failureMaxRetries: options.failureMaxRetries,
    failureSleepMsBetweenRetries: options.failureSleepMsBetweenRetries,
    metrics: options.metrics ?? null,
    sleep: options.sleep ?? ((ms: number) => delay(ms)),
    clock: () => performance.now(),
  };
  const pingTimeout = options.pingTimeoutMs ?? PING_TIMEOUT_MS;
  const gate = options.prepare === undefined ? null : createWriteGate(options.prepare);
  return {
    deliver: async (items, body) => {
      if (items.length === 0) return { outcome: 'done', items: [] };
      const held = gate === null ? null : await gate();
      if (held !== null) return { outcome: 'not_indexed', error: { type: 'index_templates_not_installed', reason: held.message } };
      return deliverItems(ctx, items, body);
    },
    maxIteration: (id) => maxIteration(client, id),
    ping: () => pingStore(client, pingTimeout),
  };
}

import type { ChainService } from '../chains';
import type { Dlq } from '../dlq';
import type { SignetMetrics } from '../metrics';
import type { OverviewPointDto } from '../shared';

// The Overview page's charts over time: an in-process sampler that reads the service's own
// counters (lib/metrics, the same ones /api/v1/metrics exposes), the chain queues and the DLQ
// every `intervalMs`, turns counter deltas into per-second rates and keeps the last `capacity`
// samples in a ring buffer (default 360 × 10 s = the last hour). Memory only: a restart starts a
// new history, like the counters it is computed from. The composition root starts it and stops it
// on close; its timer is unref'd so it never keeps the process alive.

/** The default: one sample every 10 s, one hour kept. */
export const OVERVIEW_SAMPLE_INTERVAL_MS = 10_000;
export const OVERVIEW_HISTORY_CAPACITY = 360;

export interface OverviewHistoryDeps {
  readonly metrics: Pick<SignetMetrics, 'receivedLogs' | 'processedLogs' | 'rejectedLogs' | 'processedRequests'>;
  readonly chains: Pick<ChainService, 'status'>;
  readonly dlq: Pick<Dlq, 'list'>;
  readonly intervalMs?: number;
  readonly capacity?: number;
  readonly now?: () => number;
}

export interface OverviewHistory {
  readonly intervalMs: number;
  readonly capacity: number;
  /** The live chain queues (the same source the samples read). */
  readonly chains: Pick<ChainService, 'status'>;
  /** Takes a first sample now, then one every `intervalMs`. Idempotent. */
  start(): void;
  /** Stops the timer (a sample already in flight still completes). Idempotent. */
  stop(): void;
  /** Takes one sample now and appends it (the timer calls this; tests call it directly). */
  sample(): Promise<OverviewPointDto>;
  /** The samples kept, oldest first. */
  points(): OverviewPointDto[];
}

interface Counters {
  readonly t: number;
  readonly received: number;
  readonly indexed: number;
  readonly dlq: number;
  readonly failed: number;
  readonly rejected: number;
  readonly failedRequests: number;
}

/**
 * @throws {TypeError} for an interval below 100 ms or a capacity below 2 (a rate needs two samples).
 * @example const h = createOverviewHistory({ metrics, chains, dlq }); h.start(); … h.stop();
 */
export function createOverviewHistory(deps: OverviewHistoryDeps): OverviewHistory {
  const intervalMs = deps.intervalMs ?? OVERVIEW_SAMPLE_INTERVAL_MS;
  const capacity = deps.capacity ?? OVERVIEW_HISTORY_CAPACITY;
  if (!Number.isInteger(intervalMs) || intervalMs < 100) throw new TypeError('intervalMs must be an integer ≥ 100');
  if (!Number.isInteger(capacity) || capacity < 2) throw new TypeError('capacity must be an integer ≥ 2');
  const now = deps.now ?? Date.now;
  const m = deps.metrics;
  const buffer: OverviewPointDto[] = [];
  let previous: Counters | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let inFlight = false;

  const read = (): Counters => ({
    t: now(),
    received: m.receivedLogs.sum(),
    indexed: m.processedLogs.get({ result: 'indexed' }),
    dlq: m.processedLogs.get({ result: 'dlq' }),
    failed: m.processedLogs.get({ result: 'failure' }),
    rejected: m.rejectedLogs.sum(),
    failedRequests: m.processedRequests.sum((l) => l.result === 'failure'),
  });

  const sample = async (): Promise<OverviewPointDto> => {
    // The DLQ listing reads only files that changed since the last call (lib/dlq's stats cache).
    const dlq = await deps.dlq.list().then(
      (l) => {
        let signed = 0, rejected = 0;
        for (const f of l.files) if (f.kind === 'signed') signed += f.entries; else if (f.kind === 'rejected') rejected += f.entries;
        return { signed, rejected, files: l.files.filter((f) => f.kind !== 'archived').length };
      },
      () => null,
    );
    const c = read();
    const p = previous;
    const secs = p === null ? 0 : (c.t - p.t) / 1000;
    const rate = (k: Exclude<keyof Counters, 't'>): number | null => (p === null || secs <= 0 ? null : Math.max(0, (c[k] - p[k]) / secs));
    const point: OverviewPointDto = {
      t: c.t,
      receivedLogsPerSec: rate('received'),
      indexedLogsPerSec: rate('indexed'),
      dlqLogsPerSec: rate('dlq'),
      failedLogsPerSec: rate('failed'),
      rejectedLogsPerSec: rate('rejected'),
      failedRequestsPerSec: rate('failedRequests'),
      dlqSignedEntries: dlq?.signed ?? null,
      dlqRejectedEntries: dlq?.rejected ?? null,
      dlqFiles: dlq?.files ?? null,
      queuedLogs: deps.chains.status().reduce((n, s) => n + s.queuedLogs, 0),
    };
    previous = c;
    buffer.push(point);
    if (buffer.length > capacity) buffer.splice(0, buffer.length - capacity);
    return point;
  };

  const tick = () => {
    // A slow DLQ listing must not pile samples up: skip a tick while one is still running.
    if (inFlight) return;
    inFlight = true;
    void sample()
      .catch(() => undefined)
      .finally(() => (inFlight = false));
  };

  return {
    intervalMs,
    capacity,
    chains: deps.chains,
    start() {
      if (timer !== null) return;
      tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer === null) return;
      clearInterval(timer);
      timer = null;
    },
    sample,
    points: () => [...buffer],
  };
}

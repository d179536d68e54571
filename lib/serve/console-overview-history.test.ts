import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChainService } from '../chains';
import { createDlq, type Dlq } from '../dlq';
import { createSignetMetrics } from '../metrics';
import { createOverviewHistory } from './console-overview-history';

// The Overview charts' sampler over the service's real metrics registry and a real DLQ folder:
// rates come from counter deltas, DLQ growth from the DLQ's own files, and the buffer is bounded.

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

async function setup() {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'signet-overview-history-'));
  dirs.push(root);
  const dlq = createDlq({ dlqDir: path.join(root, 'dlq'), dlqRecoveredDir: path.join(root, 'recovered') });
  const queued = { n: 0 };
  const identity = { module: 'elproxysigned', customer: 'acme', retention: '6_months', tag: '0' };
  const chains: Pick<ChainService, 'status'> = {
    status: () => [{ name: 'elproxysigned-acme-6_months-0', identity, state: 'ready', blockedReason: null, iteration: 3, lastHash: null, queuedLogs: queued.n, pendingOutbox: 0, stuck: false, lastCommitMs: 0, signedLastWindow: 0 }],
  };
  const metrics = createSignetMetrics({ chains: () => chains.status(), dlqFiles: () => 0 });
  const clock = { t: 1_000_000 };
  return { dlq, queued, chains, metrics, clock };
}

const doc = (i: number) => `{"message":"log ${i}","ES_BLOCKCHAIN":{"iteration":${i}}}`;
async function conflict(dlq: Dlq, n: number) {
  await dlq.append('acme', 'filebeat-8.13.4-elproxysigned-acme-6_months-0', Array.from({ length: n }, (_, i) => ({ documentText: doc(i), error: { type: 'document_parsing_exception', reason: 'mapping conflict' } })));
}

describe('overview metrics history', () => {
  it('turns counter deltas into per-second rates and counts the DLQ from its files', async () => {
    const { dlq, queued, chains, metrics, clock } = await setup();
    const h = createOverviewHistory({ metrics, chains, dlq, now: () => clock.t, intervalMs: 10_000 });

    const first = await h.sample();
    expect(first).toMatchObject({ t: 1_000_000, receivedLogsPerSec: null, failedRequestsPerSec: null, dlqSignedEntries: 0, dlqRejectedEntries: 0, dlqFiles: 0, queuedLogs: 0 });

    // 10 s of traffic, as lib/ingest and lib/chains count it.
    metrics.receivedLogs.inc({ tenant: 'acme', retention: '6_months', tag: '0' }, 80);
    metrics.receivedLogs.inc({ tenant: 'beta', retention: '6_months', tag: '0' }, 20);
    metrics.processedLogs.inc({ result: 'indexed' }, 90);
    metrics.processedLogs.inc({ result: 'dlq' }, 5);
    metrics.processedLogs.inc({ result: 'failure' }, 5);
    metrics.rejectedLogs.inc({}, 2);
    metrics.processedRequests.inc({ result: 'success', failure_type: 'none' }, 7);
    metrics.processedRequests.inc({ result: 'failure', failure_type: 'full_queue_error' }, 2);
    metrics.processedRequests.inc({ result: 'failure', failure_type: 'bad_request' }, 1);
    await conflict(dlq, 5);
    await dlq.appendRejected([{ rawText: 'not json', reason: 'no EBP_METADATA', receivedAt: new Date(0) }]);
    queued.n = 40;
    clock.t += 10_000;

    const second = await h.sample();
    expect(second).toEqual({
      t: 1_010_000,
      receivedLogsPerSec: 10,
      indexedLogsPerSec: 9,
      dlqLogsPerSec: 0.5,
      failedLogsPerSec: 0.5,
      rejectedLogsPerSec: 0.2,
      failedRequestsPerSec: 0.3,
      dlqSignedEntries: 5,
      dlqRejectedEntries: 1,
      dlqFiles: 2,
      queuedLogs: 40,
    });

    // No traffic: rates fall to zero, the DLQ keeps its size.
    clock.t += 5_000;
    expect(await h.sample()).toMatchObject({ receivedLogsPerSec: 0, failedRequestsPerSec: 0, dlqSignedEntries: 5 });
    expect(h.points().map((p) => p.t)).toEqual([1_000_000, 1_010_000, 1_015_000]);
  });

  it('keeps only the last `capacity` samples, oldest first', async () => {
    const { dlq, chains, metrics, clock } = await setup();
    const h = createOverviewHistory({ metrics, chains, dlq, now: () => clock.t, capacity: 3 });
    for (let i = 0; i < 5; i++) {
      clock.t += 1000;
      await h.sample();
    }
    expect(h.points().map((p) => p.t)).toEqual([1_003_000, 1_004_000, 1_005_000]);
    expect(h.capacity).toBe(3);
  });

  it('records null DLQ counts when the DLQ folder cannot be read, and still samples the rest', async () => {
    const { chains, metrics, clock } = await setup();
    const broken = { list: async () => Promise.reject(new Error('EACCES')) };
    const h = createOverviewHistory({ metrics, chains, dlq: broken, now: () => clock.t });
    expect(await h.sample()).toMatchObject({ dlqSignedEntries: null, dlqRejectedEntries: null, dlqFiles: null, queuedLogs: 0 });
  });

  it('samples at once on start, then on its interval, and not after stop', async () => {
    const { dlq, chains, metrics } = await setup();
    const h = createOverviewHistory({ metrics, chains, dlq, intervalMs: 100 });
    h.start();
    h.start(); // idempotent: one timer
    await expect.poll(() => h.points().length, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    h.stop();
    await new Promise((r) => setTimeout(r, 150)); // a sample in flight may still land
    const n = h.points().length;
    await new Promise((r) => setTimeout(r, 350));
    expect(h.points().length).toBe(n);
    const ts = h.points().map((p) => p.t);
    expect([...ts].sort((a, b) => a - b)).toEqual(ts);
  });

  it('refuses intervals and capacities that cannot make a rate', async () => {
    const { dlq, chains, metrics } = await setup();
    expect(() => createOverviewHistory({ metrics, chains, dlq, intervalMs: 10 })).toThrow(TypeError);
    expect(() => createOverviewHistory({ metrics, chains, dlq, capacity: 1 })).toThrow(TypeError);
  });
});

import { z } from 'zod';

// GET /api/console/overview: the Overview page's answer. Health (store, disk, queues, chains),
// the in-process metrics history the charts draw (lib/serve/console-overview-history.ts) and the
// alerts an operator or auditor must act on.

/** GET /api/console/overview takes no query. */
export const overviewQuerySchema = z.strictObject({});

/** Free space of one file system holding Signet's folders (as the health endpoint checks). */
export interface OverviewDiskDto {
  /** The folders on it: the key data, the dead letter queue, the outbox (one entry per file system). */
  readonly areas: readonly ('data' | 'dlq' | 'outbox')[];
  /** Null when the folder cannot be read (then `ok` is false). */
  readonly freeBytes: number | null;
  readonly totalBytes: number | null;
  readonly freeRatio: number | null;
  /** At least the health endpoint's minimum share is free. */
  readonly ok: boolean;
}

export interface OverviewHealthDto {
  /** As `GET /api/v1/health`: down (store unreachable or disk nearly full), degraded (something needs an operator), ok. */
  readonly status: 'ok' | 'degraded' | 'down';
  readonly store: { readonly reachable: boolean };
  readonly disks: readonly OverviewDiskDto[];
  /** The smallest free share that still counts as healthy (0..1). */
  readonly minFreeDiskRatio: number;
  readonly queues: {
    /** `message_queue_size`: logs one chain may hold waiting to be signed. */
    readonly capacityPerChain: number;
    readonly queuedLogs: number;
    /** The fullest chain queue's fill (0..1), and its chain; null without chains. */
    readonly maxFill: number;
    readonly fullestChain: string | null;
    readonly outboxPending: number;
  };
  readonly chains: {
    /** Chains this process writes to (recovered at start-up or created by a log). */
    readonly total: number;
    readonly blocked: readonly { readonly name: string; readonly reason: string | null }[];
  };
}

/** One sample of the metrics history. Rates are per second over the interval before `t`; null for the first sample. */
export interface OverviewPointDto {
  /** Epoch milliseconds. */
  readonly t: number;
  readonly receivedLogsPerSec: number | null;
  readonly indexedLogsPerSec: number | null;
  /** Signed logs Elasticsearch did not take (to the DLQ). */
  readonly dlqLogsPerSec: number | null;
  /** `processed_logs{result="failure"}`: refused with 503 (nothing durable). */
  readonly failedLogsPerSec: number | null;
  /** Logs that could not be signed (to the rejected area). */
  readonly rejectedLogsPerSec: number | null;
  /** `processed_requests{result="failure"}`: ingest requests answered with an error. */
  readonly failedRequestsPerSec: number | null;
  /** Null when the DLQ folder could not be read at that moment. */
  readonly dlqSignedEntries: number | null;
  readonly dlqRejectedEntries: number | null;
  readonly dlqFiles: number | null;
  readonly queuedLogs: number;
}

export interface OverviewSeriesDto {
  readonly intervalSecs: number;
  /** Samples kept (the window is `capacity × intervalSecs`). */
  readonly capacity: number;
  /** Oldest first. */
  readonly points: readonly OverviewPointDto[];
}

export type OverviewAlertKind = 'dlq' | 'keyBackup' | 'chainLimit' | 'restartPending' | 'verificationFailed' | 'verificationOverdue' | 'verificationUnknown';

export interface OverviewAlertDto {
  /** Stable per alert (kind plus chain), for React keys and tests. */
  readonly id: string;
  readonly kind: OverviewAlertKind;
  readonly severity: 'danger' | 'warning';
  readonly title: string;
  readonly message: string;
  /** Console page where the alert is handled. */
  readonly href: string | null;
  readonly chain: string | null;
}

export interface OverviewDto {
  /** ISO time the answer was made. */
  readonly generatedAt: string;
  readonly health: OverviewHealthDto;
  readonly series: OverviewSeriesDto;
  readonly alerts: readonly OverviewAlertDto[];
  /** `console.verification_overdue_hours`: a chain's latest report older than this is overdue. */
  readonly verificationOverdueHours: number;
}

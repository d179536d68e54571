// Contract: turns ingest answers into log lines an operator can read in the journal — one line
// when ingest starts refusing logs for a server-side cause (store, DLQ, disk, a blocked chain),
// one when that cause has cleared — never one per request. No I/O of its own: `log` and `now`
// are given.

import type { IngestAnswered } from '../ingest';
import type { LogLine } from '../config';

/** The failure types that mean "Signet cannot take these logs now" (5xx), not a bad request or back-pressure. */
const OUTAGE_TYPES = new Set(['elasticsearch_error', 'dlq_error', 'file_system_error', 'internal_error', 'unexpected_error']);

/**
 * A cause counts as cleared at the first 200 after this long without a refusal of its kind: with
 * one chain failing and another flowing, answers alternate, and each 200 must not end the outage.
 */
export const OUTAGE_QUIET_MS = 10_000;

/**
 * Why: while Elasticsearch is down every batch gets 503 and Logstash retries it forever; the
 * metrics and health show it, but the service's own log said nothing, so the journal showed a
 * healthy start-up and then silence. A line per refused request would flood it instead (Logstash
 * retries each batch every few seconds from every worker).
 */
export function createOutageLog(log: LogLine, now: () => number = Date.now): (a: IngestAnswered) => void {
  const active = new Map<string, { since: number; last: number; count: number }>();
  const refused = (failureType: string, message: string): void => {
    if (!OUTAGE_TYPES.has(failureType)) return;
    const t = now();
    const a = active.get(failureType);
    if (a !== undefined) {
      a.last = t;
      a.count++;
      return;
    }
    active.set(failureType, { since: t, last: t, count: 1 });
    // What the shippers are told (client-facing text: never a secret), so the journal says why.
    log(`ingest refused (${failureType}): ${message}; shippers get 503 and send again until this clears`, 'warn');
  };
  const accepted = (): void => {
    if (active.size === 0) return;
    const t = now();
    for (const [type, a] of active) {
      if (t - a.last < OUTAGE_QUIET_MS) continue;
      active.delete(type);
      log(`ingest refusals (${type}) have cleared: ${a.count} request${a.count === 1 ? '' : 's'} refused over ${Math.round((a.last - a.since) / 1000)} s, none since`);
    }
  };
  return (a) => {
    if (a.failureType === null) return accepted();
    const error = a.response.body.error as { message?: unknown } | undefined;
    refused(a.failureType, typeof error?.message === 'string' ? error.message : `HTTP ${a.response.status}`);
  };
}

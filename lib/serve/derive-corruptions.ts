// Pure: the Corruptions page's rows from each chain's latest verification report and the stored
// acknowledgement documents. No I/O, no clock. Report errors and acknowledged entries were judged
// by a verification (with the key); acknowledgement documents were not, so a document the
// latest report has not seen is shown as "acknowledged, not yet verified", and a document the
// report judged invalid (an "Acknowledgement Verification …" error for its CorruptionId)
// acknowledges nothing.
import { decodeCorruptionId } from '../chain';
import type { CorruptionAcknowledgementDto, CorruptionChainDto, CorruptionDto, CorruptionsOverviewDto } from '../shared';
import type { ReportAcknowledged, ReportError } from '../verify';

/** The part of an indexed verification report the page needs. */
export interface LatestReport {
  readonly report_id: string;
  readonly chain: string;
  readonly identity: CorruptionChainDto['identity'];
  readonly finished_at: string;
  readonly status: string;
  readonly errors_total: number;
  readonly errors: readonly ReportError[];
  readonly acknowledged: readonly ReportAcknowledged[];
}

/** A stored acknowledgement document, fields read defensively (attacker-controlled, unverified). */
export interface StoredAck {
  readonly documentId: string;
  /** From `acknowledge_blockchain_id` without the `acknowledge-` prefix. */
  readonly chain: string;
  readonly corruptionId: string;
  readonly fromIteration: number | null;
  readonly toIteration: number | null;
  readonly by: string;
  readonly atMs: number | null;
  readonly description: string;
  readonly reason: string;
}

const ACK_ERROR_PREFIX = 'Acknowledgement Verification';

const keyOf = (chain: string, corruptionId: string) => `${chain}\n${corruptionId.trim()}`;

function facts(e: ReportError): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (k: string, v: unknown) => {
    if (v !== undefined && v !== null && v !== '') out[k] = String(v);
  };
  put('Error type', e.type);
  put('Iteration', e.iteration);
  put('From iteration', e.from_iteration);
  put('To iteration', e.to_iteration);
  put('Expected hash', e.expected_hash);
  put('Found hash', e.found_hash);
  put('Expected previous hash', e.expected_previous_hash);
  put('Found previous hash', e.found_previous_hash);
  put('Acknowledgement document', e.acknowledgement_id);
  put('Detail', e.detail);
  if (e.corruption_id !== null) {
    try {
      const c = decodeCorruptionId(e.corruption_id);
      put('Previous hash (CorruptionId)', c.previous_hash ?? 'null (the range starts at iteration 0)');
      put('Next hash (CorruptionId)', c.next_hash);
      put('Acknowledgement index', c.acknowledge_blockchain_id);
    } catch {
      put('CorruptionId', 'does not decode');
    }
  }
  return out;
}

function ackDto(a: StoredAck, verified: boolean): CorruptionAcknowledgementDto {
  return { by: a.by, at: a.atMs === null ? '' : new Date(a.atMs).toISOString(), description: a.description, reason: a.reason, documentId: a.documentId, verified };
}

function rowOf(r: LatestReport, e: ReportError, n: number): Omit<CorruptionDto, 'status' | 'acknowledgement' | 'acknowledgeable'> {
  return {
    id: `${r.chain}|${e.code}|${e.corruption_id ?? `${r.report_id}#${n}`}`,
    chain: r.chain,
    corruptionId: e.corruption_id,
    code: e.code,
    type: e.type,
    fromIteration: e.from_iteration ?? e.iteration ?? null,
    toIteration: e.to_iteration ?? e.iteration ?? null,
    facts: facts(e),
    reportId: r.report_id,
    reportedAt: r.finished_at,
  };
}

/**
 * The page's rows and totals.
 * @param reports the latest report of each chain.
 * @param acks every stored acknowledgement document.
 */
export function deriveCorruptions(reports: readonly LatestReport[], acks: readonly StoredAck[]): CorruptionsOverviewDto {
  const byKey = new Map(acks.map((a) => [keyOf(a.chain, a.corruptionId), a]));
  const seen = new Set<string>();
  const rows: CorruptionDto[] = [];
  for (const r of reports) {
    r.acknowledged.forEach((e, n) => {
      const k = e.corruption_id === null ? null : keyOf(r.chain, e.corruption_id);
      if (k !== null) seen.add(k);
      const doc = k === null ? undefined : byKey.get(k);
      const a = e.acknowledgement;
      rows.push({
        ...rowOf(r, e, n),
        status: 'acknowledged',
        acknowledgement: { by: a.acknowledged_by, at: a.acknowledged_at, description: a.description, reason: a.reason, documentId: doc?.documentId ?? a.id, verified: true },
        acknowledgeable: false,
      });
    });
    const judgedInvalid = new Set(r.errors.filter((e) => e.code.startsWith(ACK_ERROR_PREFIX) && e.corruption_id !== null).map((e) => keyOf(r.chain, e.corruption_id as string)));
    r.errors.forEach((e, n) => {
      const k = e.corruption_id === null ? null : keyOf(r.chain, e.corruption_id);
      const doc = k === null ? undefined : byKey.get(k);
      if (k !== null) seen.add(k);
      const isAckError = e.code.startsWith(ACK_ERROR_PREFIX);
      const pending = !isAckError && doc !== undefined && k !== null && !judgedInvalid.has(k);
      rows.push({
        ...rowOf(r, e, r.acknowledged.length + n),
        status: pending ? 'acknowledged' : 'open',
        acknowledgement: pending ? ackDto(doc, false) : null,
        // An invalid acknowledgement blocks a new one (one per corruption): delete it first.
        acknowledgeable: !isAckError && e.corruption_id !== null && doc === undefined,
      });
    });
  }
  for (const a of acks) {
    const k = keyOf(a.chain, a.corruptionId);
    if (seen.has(k)) continue;
    seen.add(k);
    rows.push({
      id: `${a.chain}|ack|${a.corruptionId}`,
      chain: a.chain,
      corruptionId: a.corruptionId,
      code: null,
      type: null,
      fromIteration: a.fromIteration,
      toIteration: a.toIteration,
      facts: {},
      reportId: null,
      reportedAt: null,
      status: 'acknowledged',
      acknowledgement: ackDto(a, false),
      acknowledgeable: false,
    });
  }
  const chains: CorruptionChainDto[] = reports.map((r) => ({
    chain: r.chain,
    identity: r.identity,
    reportId: r.report_id,
    finishedAt: r.finished_at,
    status: r.status,
    errorsTotal: r.errors_total,
    truncated: r.errors_total > r.errors.length,
  }));
  const open = rows.filter((x) => x.status === 'open').length;
  return { corruptions: rows, chains, totals: { open, acknowledged: rows.length - open, chains: chains.length } };
}

import { canonicalFieldsOf, parseJson, scanLogArray, type ChainIdentity, type FieldSelector, type JsonValue, type ScannedLog } from '../chain';
import { resolveLogTarget } from './log-target';
import { INGEST_MAX_DEPTH, decodeBody, parseLogs } from './parse-logs';

/** A received log that can be signed: where it goes and, given a selector, its canonical signed fields. */
export interface AcceptedLog {
  readonly raw: string;
  /** Where `raw` starts in the decoded body (parse-logs.ts decodeBody). */
  readonly at: number;
  readonly identity: ChainIdentity;
  readonly dataStream: string;
  readonly pipeline: string | null;
  /** `JCS` of its signed fields (lib/chain canonicalFieldsOf); absent when no selector was given. */
  readonly canonicalFields?: string;
}

/** A received log that cannot be signed: kept unsigned in the DLQ's rejected area with `reason`. */
export interface RefusedLog {
  readonly raw: string;
  readonly at: number;
  readonly reason: string;
}

export type PreparedLog = AcceptedLog | RefusedLog;

/**
 * Everything ingest does to a body before the chains: decoding and lossless parsing
 * ({@link parseLogs}), each log's target from EBP_METADATA, and — with `selector` — the exact text
 * its MAC will cover. Pure (no I/O), so it runs on a worker thread as well as on the server's
 * thread, with identical results (prepare-pool.ts).
 *
 * A log whose signed fields have no canonical form (a number such as `1e2000`) is refused here,
 * like any unsignable log, instead of failing the group commit that would sign it (a 5xx that
 * Logstash would retry forever).
 *
 * @throws {IngestError} ERR_INGEST_MALFORMED for a body that is not well-formed (nothing prepared).
 * @example prepareBody(Buffer.from('[{"message":"m"}]'), 'batch', 'elproxysigned', undefined) // [{ raw: '{"message":"m"}', at: 1, reason: 'EBP_METADATA is missing' }]
 */
export function prepareBody(body: Buffer, kind: 'batch' | 'single', module: string, selector: FieldSelector | undefined): PreparedLog[] {
  if (kind === 'batch' && selector !== undefined) {
    const text = decodeBody(body);
    const scanned = scanLogArray(text, selector, INGEST_MAX_DEPTH);
    // null: not a well-formed array; the reference path below names the problem.
    if (scanned !== null) {
      // Logs that spell EBP_METADATA alike share its value (scanLogArray): resolve it once.
      const targets = new Map<JsonValue | undefined, ReturnType<typeof resolveLogTarget>>();
      return scanned.map((l) => fromScan(text, l, module, selector, targets));
    }
  }
  return parseLogs(body, kind).map((r) => prepareOne(r.value, r.raw, r.at, module, selector));
}

/** One log of lib/chain's scan: the reference path when the scan left it undecided. */
function fromScan(text: string, l: ScannedLog, module: string, selector: FieldSelector, targets: Map<JsonValue | undefined, ReturnType<typeof resolveLogTarget>>): PreparedLog {
  const raw = text.slice(l.start, l.end);
  // Within the array it sat one level deeper: the same limit for it alone is one less.
  if (l.canonical === null) return prepareOne(parseJson(raw, { maxDepth: INGEST_MAX_DEPTH - 1 }), raw, l.start, module, selector);
  // Only EBP_METADATA decides the target (the scan saw no ES_BLOCKCHAIN in the log).
  let t = targets.get(l.meta);
  if (t === undefined) {
    t = resolveLogTarget(l.meta === undefined ? {} : { EBP_METADATA: l.meta }, module);
    targets.set(l.meta, t);
  }
  if ('reason' in t) return { raw, at: l.start, reason: t.reason };
  const { identity, dataStream, pipeline } = t.target;
  return { raw, at: l.start, identity, dataStream, pipeline, canonicalFields: l.canonical };
}

/** One parsed log: its target from EBP_METADATA and, with `selector`, its canonical signed fields. */
function prepareOne(value: JsonValue, raw: string, at: number, module: string, selector: FieldSelector | undefined): PreparedLog {
  const t = resolveLogTarget(value, module);
  if ('reason' in t) return { raw, at, reason: t.reason };
  let canonicalFields: string | undefined;
  if (selector !== undefined) {
    try {
      canonicalFields = canonicalFieldsOf(t.log, selector);
    } catch (err) {
      const detail = err instanceof Error ? err.message.replace(/^\w+: /, '') : String(err);
      return { raw, at, reason: `a signed field cannot be signed: ${detail}` };
    }
  }
  const { identity, dataStream, pipeline } = t.target;
  return { raw, at, identity, dataStream, pipeline, canonicalFields };
}

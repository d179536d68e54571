import { canonicalFieldsOf, type ChainIdentity, type FieldSelector } from '../chain';
import { resolveLogTarget } from './log-target';
import { parseLogs } from './parse-logs';

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
  const received = parseLogs(body, kind);
  const out: PreparedLog[] = new Array(received.length);
  for (let i = 0; i < received.length; i++) {
    const r = received[i] as (typeof received)[number];
    const t = resolveLogTarget(r.value, module);
    if ('reason' in t) {
      out[i] = { raw: r.raw, at: r.at, reason: t.reason };
      continue;
    }
    let canonicalFields: string | undefined;
    if (selector !== undefined) {
      try {
        canonicalFields = canonicalFieldsOf(t.log, selector);
      } catch (err) {
        const detail = err instanceof Error ? err.message.replace(/^\w+: /, '') : String(err);
        out[i] = { raw: r.raw, at: r.at, reason: `a signed field cannot be signed: ${detail}` };
        continue;
      }
    }
    const { identity, dataStream, pipeline } = t.target;
    out[i] = { raw: r.raw, at: r.at, identity, dataStream, pipeline, canonicalFields };
  }
  return out;
}

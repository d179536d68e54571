import { parseJson, parseJsonArrayElements, type JsonValue } from '../chain';
import { IngestError } from './ingest-error';

/** One received log: its parsed value and its exact text (stored verbatim once signed). */
export interface ReceivedLog {
  readonly value: JsonValue;
  readonly raw: string;
  /** Where `raw` starts in the decoded body ({@link decodeBody}). */
  readonly at: number;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Deepest nesting accepted in a body (a batch's array counts as one level). Below lib/chain's
 * parser default (128) on purpose: every accepted log is later read back inside an envelope —
 * a DLQ line (`{"document": …}`, `{"log": …}`: one level more) or a search hit
 * (`{"hits":{"hits":[{"_source": …}]}}`: four more) — and those readers use the default, so a
 * log accepted at the limit would be signed but never recovered or verified.
 */
export const INGEST_MAX_DEPTH = 100;

/**
 * A body's text (strict UTF-8; a leading BOM is dropped). Every reader of a body decodes it with
 * this one function, so offsets into the text agree between threads (prepare-pool.ts).
 * @throws {IngestError} ERR_INGEST_MALFORMED when the body is not valid UTF-8.
 */
export function decodeBody(body: Uint8Array): string {
  try {
    return UTF8.decode(body);
  } catch (err) {
    throw new IngestError('ERR_INGEST_MALFORMED', 'the body is not valid UTF-8', err);
  }
}

/**
 * Parses a request body as El Proxy's endpoints expect: `/api/log_batch` a JSON array of logs
 * (Logstash `json_batch`), `/api/log` one JSON log. The body as a whole must be well-formed
 * (otherwise 400 naming the problem); whether each log can be signed is decided per log later.
 *
 * @throws {IngestError} ERR_INGEST_MALFORMED.
 */
export function parseLogs(body: Buffer, kind: 'batch' | 'single'): ReceivedLog[] {
  const text = decodeBody(body);
  try {
    if (kind === 'single') {
      const value = parseJson(text, { maxDepth: INGEST_MAX_DEPTH });
      const raw = text.trim(); // only JSON whitespace can surround a value that parsed
      return [{ value, raw, at: text.length - text.trimStart().length }];
    }
    const { values, spans } = parseJsonArrayElements(text, { maxDepth: INGEST_MAX_DEPTH });
    return values.map((value, i) => {
      const [start, end] = spans[i] as [number, number];
      return { value, raw: text.slice(start, end), at: start };
    });
  } catch (err) {
    if (err instanceof TypeError) throw new IngestError('ERR_INGEST_MALFORMED', 'the body must be a JSON array of logs (Logstash format => "json_batch")', err);
    const what = err instanceof RangeError ? `the body is nested too deeply (at most ${INGEST_MAX_DEPTH} levels)` : 'the body is not valid JSON';
    throw new IngestError('ERR_INGEST_MALFORMED', `${what}: ${(err as Error).message}`, err);
  }
}

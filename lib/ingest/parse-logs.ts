import { parseJson, parseJsonArrayElements, type JsonValue } from '../chain';
import { IngestError } from './ingest-error';

/** One received log: its parsed value and its exact text (stored verbatim once signed). */
export interface ReceivedLog {
  readonly value: JsonValue;
  readonly raw: string;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a request body as El Proxy's endpoints expect: `/api/log_batch` a JSON array of logs
 * (Logstash `json_batch`), `/api/log` one JSON log. The body as a whole must be well-formed
 * (otherwise 400 naming the problem); whether each log can be signed is decided per log later.
 *
 * @throws {IngestError} ERR_INGEST_MALFORMED.
 */
export function parseLogs(body: Buffer, kind: 'batch' | 'single'): ReceivedLog[] {
  let text: string;
  try {
    text = UTF8.decode(body);
  } catch (err) {
    throw new IngestError('ERR_INGEST_MALFORMED', 'the body is not valid UTF-8', err);
  }
  try {
    if (kind === 'single') {
      const value = parseJson(text);
      return [{ value, raw: text.trim() }];
    }
    const { values, spans } = parseJsonArrayElements(text);
    return values.map((value, i) => {
      const [start, end] = spans[i] as [number, number];
      return { value, raw: text.slice(start, end) };
    });
  } catch (err) {
    if (err instanceof TypeError) throw new IngestError('ERR_INGEST_MALFORMED', 'the body must be a JSON array of logs (Logstash format => "json_batch")', err);
    const what = err instanceof RangeError ? 'the body is nested too deeply' : 'the body is not valid JSON';
    throw new IngestError('ERR_INGEST_MALFORMED', `${what}: ${(err as Error).message}`, err);
  }
}

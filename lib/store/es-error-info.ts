import { errors } from '@elastic/elasticsearch';

/** Elasticsearch's `{type, reason}` pair, as the DLQ stores it (`el_error`). */
export interface EsErrorInfo {
  readonly type: string;
  readonly reason: string;
}

// Reasons are copied into DLQ lines and log messages; a proxy in front of Elasticsearch may
// answer with a whole HTML page.
const MAX_REASON = 2000;

function clip(s: string): string {
  return s.length > MAX_REASON ? `${s.slice(0, MAX_REASON)}…` : s;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `{type, reason}` of an Elasticsearch error object (`item.error` or `body.error`). */
export function errorInfoOf(error: unknown, fallbackType: string): EsErrorInfo {
  if (isRecord(error)) {
    const type = typeof error.type === 'string' && error.type !== '' ? error.type : fallbackType;
    const reason = typeof error.reason === 'string' ? error.reason : JSON.stringify(error);
    return { type, reason: clip(reason) };
  }
  if (typeof error === 'string') return { type: fallbackType, reason: clip(error) };
  return { type: fallbackType, reason: '' };
}

/**
 * `{type, reason}` of anything the client throws. A `ResponseError` yields Elasticsearch's own
 * error (or `http_<status>` when the body is not Elasticsearch's); transport errors yield a
 * snake_case name of the client's class and its message (which never holds credentials: the
 * client redacts request metadata, and messages carry only host:port).
 */
export function describeClientError(err: unknown): EsErrorInfo {
  if (err instanceof errors.ResponseError) {
    const status = err.statusCode ?? 0;
    const body: unknown = err.body;
    const error = isRecord(body) ? body.error : typeof body === 'string' && body !== '' ? body : undefined;
    const info = errorInfoOf(error, `http_${status}`);
    if (info.reason !== '') return info;
    // Elasticsearch's HTTP layer answers an over-long body with an empty 413.
    return { type: info.type, reason: status === 413 ? 'HTTP 413: the request is larger than the cluster accepts (http.max_content_length)' : `HTTP ${status}` };
  }
  if (err instanceof Error) {
    const type = err.name.replace(/Error$/, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase() || 'error';
    return { type: `${type}_error`, reason: clip(err.message) };
  }
  return { type: 'unknown_error', reason: clip(String(err)) };
}

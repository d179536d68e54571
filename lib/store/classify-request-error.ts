import { errors } from '@elastic/elasticsearch';
import { describeClientError, type EsErrorInfo } from './es-error-info';

/**
 * What a failed whole request may have done to the store:
 * - `not_written`: certainly nothing (the connection was never made, or Elasticsearch refused
 *   the request before executing any item: 429, 503, 401, 403);
 * - `uncertain`: some items may have been written (timeout, reset or dropped connection, other
 *   5xx, 408, a 2xx that the client could not read);
 * - `rejected`: Elasticsearch refused this request's content before executing it (other 4xx:
 *   malformed body, 413 too large); sending the same bytes again cannot help.
 */
export type RequestFailureKind = 'not_written' | 'uncertain' | 'rejected';

export interface RequestFailure {
  readonly kind: RequestFailureKind;
  /** HTTP status when Elasticsearch (or a proxy) answered. */
  readonly status: number | null;
  readonly error: EsErrorInfo;
}

// Failures of the connect phase (name resolution, routing, TCP refusal): no byte of the request
// left this process. The client keeps only the system error's message, so the code is matched
// there ("connect ECONNREFUSED 127.0.0.1:9200", "getaddrinfo ENOTFOUND es.example").
const CONNECT_PHASE = /\b(?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b/;

// TLS handshake failures (the server certificate is not trusted, or the server refused ours)
// also happen before the request is sent.
const TLS_HANDSHAKE = /\b(?:self[- ]signed certificate|unable to (?:get|verify) (?:local issuer|issuer|the first) certificate|certificate (?:has expired|is not yet valid|signature failure)|Hostname\/IP does not match certificate|ERR_TLS_CERT_ALTNAME_INVALID|alert (?:bad certificate|unknown ca|certificate required|handshake failure))\b/i;

/** Classifies an error thrown by the client for a write request. */
export function classifyRequestError(err: unknown): RequestFailure {
  const error = describeClientError(err);
  if (err instanceof errors.ResponseError) {
    const status = err.statusCode ?? 0;
    if (status === 429 || status === 503 || status === 401 || status === 403) return { kind: 'not_written', status, error };
    if (status >= 400 && status < 500 && status !== 408) return { kind: 'rejected', status, error };
    return { kind: 'uncertain', status, error };
  }
  if (err instanceof errors.NoLivingConnectionsError) return { kind: 'not_written', status: null, error };
  if (err instanceof errors.ConnectionError) {
    const notSent = CONNECT_PHASE.test(err.message) || TLS_HANDSHAKE.test(err.message);
    return { kind: notSent ? 'not_written' : 'uncertain', status: null, error };
  }
  return { kind: 'uncertain', status: null, error };
}

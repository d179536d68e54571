import { errors } from '@elastic/elasticsearch';
import { describeClientError } from './es-error-info';
import { StoreError } from './store-error';

/**
 * Wraps whatever the client threw into a `StoreError` (Kibana's handleEsError idea): a
 * `ResponseError` by status (429 and 5xx → unavailable, other statuses → rejected), transport
 * errors (connection, timeout, no living connection) → unavailable. The original is the `cause`.
 * `what` names the operation for the message ("searching the highest iteration of …").
 */
export function toStoreError(err: unknown, what: string): StoreError {
  if (err instanceof StoreError) return err;
  const info = describeClientError(err);
  const message = `${what}: ${info.type}: ${info.reason}`;
  if (err instanceof errors.ResponseError) {
    const status = err.statusCode ?? 0;
    const code = status === 429 || status >= 500 || status === 0 ? 'ERR_STORE_UNAVAILABLE' : 'ERR_STORE_REJECTED';
    return new StoreError(code, message, { cause: err, esStatus: status });
  }
  if (err instanceof errors.ProductNotSupportedError || err instanceof errors.DeserializationError) {
    return new StoreError('ERR_STORE_INVALID_RESPONSE', message, { cause: err });
  }
  return new StoreError('ERR_STORE_UNAVAILABLE', message, { cause: err });
}

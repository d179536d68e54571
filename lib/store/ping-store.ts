import type { Client } from '@elastic/elasticsearch';
import { errors } from '@elastic/elasticsearch';

/** Default timeout of {@link pingStore}: the breaker probes before every commit while the store is down. */
export const PING_TIMEOUT_MS = 2000;

/**
 * Whether the cluster answers and would take a request now: `HEAD /` with a short timeout and
 * no retry. Any answer but 429/5xx counts as reachable — a least-privilege user may get 401/403
 * on `/` and still be allowed to write. Never throws.
 */
export async function pingStore(client: Client, timeoutMs = PING_TIMEOUT_MS): Promise<boolean> {
  try {
    await client.transport.request({ method: 'HEAD', path: '/' }, { requestTimeout: timeoutMs, maxRetries: 0 });
    return true;
  } catch (err) {
    if (err instanceof errors.ResponseError) {
      const status = err.statusCode ?? 0;
      return status > 0 && status < 500 && status !== 429;
    }
    return false;
  }
}

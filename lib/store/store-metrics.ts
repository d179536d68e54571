/** El Proxy's `retry_reason` label of `elasticsearch_requests` (reference §11). */
export type RetryReason = 'none' | 'global' | 'pipeline' | 'malformed_logs';

/** El Proxy's `result` label of `elasticsearch_requests`. */
export type RequestResult = 'success' | 'partial_failure' | 'failure';

/**
 * The two write metrics the store feeds; `SignetMetrics` (lib/metrics) satisfies it.
 * - `esRequests`: `elasticsearch_requests{result, retry_reason}`, one per `_bulk` request;
 * - `esResponseTime`: `write_logs_elasticsearch_response_time`, seconds per `_bulk` request.
 */
export interface StoreMetrics {
  readonly esRequests: { inc(labels: { result: RequestResult; retry_reason: RetryReason }, by?: number): void };
  readonly esResponseTime: { observe(value: number, labels?: Record<string, string>): void };
}

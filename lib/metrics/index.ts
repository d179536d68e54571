/**
 * lib/metrics — the service's Prometheus metrics.
 *
 * Contract: in-memory, but for the process metrics, which read /proc/self at scrape time
 * (process-metrics.ts); rendering samples live sources. Metric names and labels are El
 * Proxy's (reference §11) so that NetEye's Telegraf/InfluxDB/Grafana set-up reads Signet as it
 * read El Proxy; Signet's additions are prefixed `signet_`.
 */
export { Counter, Gauge, Histogram, Registry } from './registry';
export { parseMaxOpenFiles, type ProcessProbes } from './process-metrics';
export { createSignetMetrics, RESPONSE_BUCKETS, type FailureType, type MetricsSources, type SignetMetrics } from './signet-metrics';

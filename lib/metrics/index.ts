/**
 * lib/metrics — the service's Prometheus metrics.
 *
 * Contract: in-memory only; rendering samples live sources. Metric names and labels are El
 * Proxy's (reference §11) so that NetEye's Telegraf/InfluxDB/Grafana set-up reads Signet as it
 * read El Proxy; Signet's additions are prefixed `signet_`.
 */
export { Counter, Gauge, Histogram, Registry } from './registry';
export { createSignetMetrics, RESPONSE_BUCKETS, type FailureType, type MetricsSources, type SignetMetrics } from './signet-metrics';

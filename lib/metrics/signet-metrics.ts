import { defaultProcessProbes, registerProcessMetrics, type ProcessProbes } from './process-metrics';
import { Counter, Gauge, Histogram, Registry } from './registry';

/** El Proxy's latency buckets in seconds (reference §11). */
export const RESPONSE_BUCKETS = [0.05, 0.1, 0.2, 0.5, 1, 2, 5] as const;

export type FailureType = 'none' | 'elasticsearch_error' | 'file_system_error' | 'dlq_error' | 'full_queue_error' | 'internal_error' | 'unexpected_error';

/** Live values sampled at scrape time (queues, chains, DLQ). */
export interface MetricsSources {
  chains(): { name: string; iteration: number | null; queuedLogs: number; pendingOutbox: number; state: string; lastCommitMs?: number }[];
  dlqFiles(): number;
  /** Bytes of ingest request bodies held now (lib/ingest InflightBudget); no series without it. */
  inflightBytes?(): number;
  /** Settings changed on disk that apply only after a restart, as of the last reload; no series without it. */
  restartPending?(): number;
}

/**
 * The service's metrics: El Proxy's names and labels (every series carries
 * `service_name="elproxy"`, so existing NetEye/Grafana dashboards keep working), then Signet's
 * own (`signet_*`) and process metrics.
 */
export function createSignetMetrics(sources: MetricsSources, startTime = Date.now(), probes: ProcessProbes = defaultProcessProbes()) {
  const reg = new Registry({ service_name: 'elproxy' });
  const m = {
    receivedRequests: reg.register(new Counter('received_requests', 'Number of requests received by El Proxy on /api/log and /api/log_batch')),
    processedRequests: reg.register(new Counter('processed_requests', 'Number of processed requests by result and failure type')),
    receivedLogs: reg.register(new Counter('received_logs', 'Number of received logs per blockchain')),
    processedLogs: reg.register(new Counter('processed_logs', 'Number of processed logs')),
    responseTime: reg.register(new Histogram('el_proxy_response_time', 'Response time of El Proxy for signing requests', RESPONSE_BUCKETS)),
    esRequests: reg.register(new Counter('elasticsearch_requests', 'Number of write requests sent to Elasticsearch')),
    esResponseTime: reg.register(new Histogram('write_logs_elasticsearch_response_time', 'Elasticsearch response time for requests writing logs', RESPONSE_BUCKETS)),
    rejectedLogs: reg.register(new Counter('signet_rejected_logs', 'Logs kept unsigned in the DLQ rejected area, by reason class')),
    configReloads: reg.register(new Counter('signet_config_reloads', 'Configuration reloads (SIGHUP), by result: applied, or invalid (nothing changed)')),
  };
  reg.register(new Gauge('signet_chain_iteration', 'Next iteration of each blockchain', () => sources.chains().flatMap((c) => (c.iteration === null ? [] : [{ labels: { chain: c.name }, value: c.iteration }]))));
  reg.register(new Gauge('signet_chain_queued_logs', 'Logs waiting in each blockchain queue', () => sources.chains().map((c) => ({ labels: { chain: c.name }, value: c.queuedLogs }))));
  reg.register(new Gauge('signet_chain_outbox_pending', 'Outbox records not yet delivered (with key_save_interval_ms: or not yet covered by a key-file save), per blockchain', () => sources.chains().map((c) => ({ labels: { chain: c.name }, value: c.pendingOutbox }))));
  reg.register(new Gauge('signet_chain_blocked', 'Blockchains refused because their state does not match Elasticsearch', () => sources.chains().map((c) => ({ labels: { chain: c.name }, value: c.state === 'blocked' ? 1 : 0 }))));
  // For "this source went quiet" alerts: time() - signet_chain_last_delivery_timestamp_seconds.
  reg.register(new Gauge('signet_chain_last_delivery_timestamp_seconds', 'When each blockchain last delivered logs (indexed or to the DLQ), since the Unix epoch in seconds; no series before its first delivery since the start', () => sources.chains().flatMap((c) => (c.lastCommitMs === undefined || c.lastCommitMs <= 0 ? [] : [{ labels: { chain: c.name }, value: c.lastCommitMs / 1000 }]))));
  reg.register(new Gauge('signet_ingest_inflight_bytes', 'Bytes of ingest request bodies held now (bounded by web_server.max_inflight_bytes)', () => (sources.inflightBytes === undefined ? [] : [{ value: sources.inflightBytes() }])));
  reg.register(new Gauge('signet_config_restart_pending', 'Settings changed in the configuration files that apply only after a restart, as of the last reload (SIGHUP)', () => (sources.restartPending === undefined ? [] : [{ value: sources.restartPending() }])));
  reg.register(new Gauge('signet_dlq_files', 'Files in the dead letter queue (signed and rejected)', () => [{ value: sources.dlqFiles() }]));
  registerProcessMetrics(reg, startTime, probes);
  return { ...m, render: () => reg.render() };
}

export type SignetMetrics = ReturnType<typeof createSignetMetrics>;

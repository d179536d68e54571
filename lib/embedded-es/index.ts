/**
 * lib/embedded-es — the embedded Elasticsearch-compatible store (SPEC §12).
 *
 * Contract: an I/O module. It owns one data directory (write-ahead log + snapshots, locked
 * against a second process) and one loopback HTTP listener speaking the Elasticsearch 8 REST
 * subset Signet and its users need, with Elasticsearch's status codes, error bodies and
 * `X-Elastic-Product` header, so the official client cannot tell it from a real cluster.
 * A write is acknowledged only after it is fsynced. It never reads configuration or the
 * environment (options are parameters), never prints (events go to the injected logger), and
 * never talks to the network beyond its own listener. Fault injection exists only when enabled.
 */
export { startEmbeddedEs } from './start-embedded-es';
export { startEmbeddedEsChild } from './child/start-embedded-es-child';
export type { EmbeddedEsChild, EmbeddedEsChildOptions } from './child/start-embedded-es-child';
export { FaultController } from './faults/fault-controller';
export type { FaultRule, FaultRuleInput, ItemFailure } from './faults/fault-controller';
export { EmbeddedEsError } from './errors/embedded-es-error';
export type { EmbeddedEsErrorCode } from './errors/embedded-es-error';
export type { EmbeddedEs, EmbeddedEsLogger, EmbeddedEsOptions } from './types';

/**
 * lib/store — Signet's access to Elasticsearch (or the embedded store) for the write path.
 *
 * Contract:
 * - I/O, through the official `@elastic/elasticsearch` 8.x client only. Owns: building the client
 *   from `[elasticsearch]` (URL, timeout, CA, None/BasicAuth/ApiKey/PemCertificatePath),
 *   installing the ILM policies and index templates at start-up (creating what is missing, never
 *   changing what exists), and the `StorePort` of lib/chains: bulk delivery with El Proxy's
 *   strategies, the highest stored iteration of a chain, a reachability ping.
 * - Documents are sent as the exact text given (raw NDJSON, never re-serialized); the only
 *   transformations (tag `_ebp_remove_pipeline`, reduction to the signed fields) go through
 *   lib/chain's lossless JSON, so no number is ever re-spelled.
 * - `deliver` answers `not_indexed` ONLY when nothing of the delivery can have been written
 *   (the caller rolls its chain head back and reuses those iterations); anything doubtful is
 *   `uncertain` or per-item `failed`, which the caller sends to the DLQ.
 * - Never logs, never reads the environment, never puts a credential in an error (the client's
 *   default redaction stays on). Errors are `StoreError` with closed `ERR_STORE_*` codes and the
 *   client's error as `cause`; `deliver` and `ping` report failures as results instead.
 */
export { createEsClient, type CreateEsClientOptions } from './create-es-client';
export { createStore, type CreateStoreOptions } from './create-store';
export { ensureTemplates, type EnsureTemplatesOptions, type EnsureTemplatesResult, type TemplateKind, type TemplateRef } from './templates/ensure-templates';
export { planTemplates, PRIORITY_BAND, type TemplatePlan } from './templates/plan-templates';
export { DEFAULT_POLICY, DEFAULT_TEMPLATE, MAPPINGS_TEMPLATE, ilmPolicyName, retentionTemplateName } from './templates/template-names';
export { ROLLOVER } from './templates/ilm-policy-body';
export { REMOVE_PIPELINE_TAG } from './tag-removed-pipeline';
export { StoreError, type StoreErrorCode } from './store-error';
export type { RequestResult, RetryReason, StoreMetrics } from './store-metrics';

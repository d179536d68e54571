import { isPlainObject, nameComponentProblem, unsignableReason, type ChainIdentity, type JsonObject, type JsonValue } from '../chain';

/** Where a log goes: its blockchain, its data stream and its ingest pipeline. */
export interface LogTarget {
  readonly identity: ChainIdentity;
  readonly dataStream: string;
  readonly pipeline: string | null;
}

/** Used when EBP_METADATA.agent.version is absent, so the data stream keeps its six parts. */
export const UNKNOWN_AGENT_VERSION = 'unknown';
const MAX_DATA_STREAM = 200;
const PIPELINE = /^[A-Za-z0-9_.@:-]{1,255}$/;

/**
 * Reads a log's `EBP_METADATA` (reference §2.2) into its target, or says why the log cannot be
 * signed. Mandatory: `agent.type`, `customer`, `retention`, `blockchain_tag`; optional
 * `agent.version`, `event.module` (default `defaultModule`), `data_stream.type` +
 * `data_stream.dataset` (replace agent type and version in the name), `pipeline`.
 *
 * Every name part becomes part of an index name and of file names, so each is validated
 * (lowercase `[a-z0-9_.]`, no `..`, not starting with a dot, ≤ 64 characters). A numeric
 * `blockchain_tag` (Logstash may send `0`) is accepted as its decimal text.
 */
export function resolveLogTarget(log: JsonValue, defaultModule: string): { target: LogTarget; log: JsonObject } | { reason: string } {
  const unsignable = unsignableReason(log);
  if (unsignable !== null) return { reason: unsignable };
  const obj = log as JsonObject;
  const meta = obj.EBP_METADATA;
  if (meta === undefined) return { reason: 'EBP_METADATA is missing' };
  if (!isPlainObject(meta)) return { reason: 'EBP_METADATA must be an object' };

  const problems: string[] = [];
  const agentType = readPart(meta, 'agent.type', meta.data_stream === undefined, false, problems);
  const agentVersion = readPart(meta, 'agent.version', false, false, problems);
  const customer = readPart(meta, 'customer', true, false, problems);
  const retention = readPart(meta, 'retention', true, false, problems);
  const tag = readPart(meta, 'blockchain_tag', true, true, problems);
  const eventModule = readPart(meta, 'event.module', false, false, problems);
  let dsType: string | undefined;
  let dsDataset: string | undefined;
  if (meta.data_stream !== undefined) {
    dsType = readPart(meta, 'data_stream.type', true, false, problems);
    dsDataset = readPart(meta, 'data_stream.dataset', true, false, problems);
  }
  let pipeline: string | null = null;
  if (meta.pipeline !== undefined && meta.pipeline !== null && meta.pipeline !== '') {
    if (typeof meta.pipeline !== 'string' || !PIPELINE.test(meta.pipeline)) problems.push('EBP_METADATA.pipeline must be an ingest pipeline id ([A-Za-z0-9_.@:-], at most 255 characters)');
    else pipeline = meta.pipeline;
  }
  if (problems.length > 0) return { reason: problems.join('; ') };

  const identity: ChainIdentity = {
    module: eventModule ?? defaultModule,
    customer: customer as string,
    retention: retention as string,
    tag: tag as string,
  };
  const first = (meta.data_stream !== undefined ? dsType : agentType) as string;
  const second = meta.data_stream !== undefined ? (dsDataset as string) : (agentVersion ?? UNKNOWN_AGENT_VERSION);
  // Elasticsearch refuses index names that start with "_": such a log would be signed, then
  // stay in the DLQ for good (no recovery could ever index it). Refuse it before signing.
  if (first.startsWith('_')) {
    return { reason: `EBP_METADATA.${meta.data_stream !== undefined ? 'data_stream.type' : 'agent.type'} must not start with "_" (it begins the data stream name, which Elasticsearch refuses)` };
  }
  const dataStream = `${first}-${second}-${identity.module}-${identity.customer}-${identity.retention}-${identity.tag}`;
  if (dataStream.length > MAX_DATA_STREAM) return { reason: `the data stream name would be longer than ${MAX_DATA_STREAM} characters` };
  return { target: { identity, dataStream, pipeline }, log: obj };
}

/** The member paths of EBP_METADATA that name things, split once. */
const SEGMENTS: Record<string, readonly string[]> = Object.fromEntries(
  ['agent.type', 'agent.version', 'customer', 'retention', 'blockchain_tag', 'event.module', 'data_stream.type', 'data_stream.dataset'].map((p) => [p, p.split('.')]),
);

/**
 * One name part of EBP_METADATA (`path`), validated as a name component; undefined when absent
 * or invalid, with the problem added to `problems` (absent counts only when `required`). A
 * non-negative safe integer is taken as its decimal text when `allowNumber`.
 */
function readPart(meta: JsonObject, path: string, required: boolean, allowNumber: boolean, problems: string[]): string | undefined {
  let v: JsonValue | undefined = meta;
  for (const seg of SEGMENTS[path] as readonly string[]) v = isPlainObject(v) ? v[seg] : undefined;
  if (v === undefined || v === null) {
    if (required) problems.push(`EBP_METADATA.${path} is missing`);
    return undefined;
  }
  if (allowNumber && typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) v = String(v);
  if (typeof v !== 'string') {
    problems.push(`EBP_METADATA.${path} must be a string`);
    return undefined;
  }
  const p = nameComponentProblem(v);
  if (p === null) return v;
  problems.push(`EBP_METADATA.${path} ${p} (got ${JSON.stringify(v.slice(0, 80))})`);
  return undefined;
}

import { chainName, identityKey, type ChainIdentity, type FieldSelector } from '../chain';
import type { RoutedLog } from '../chains';
import type { FailureType, SignetMetrics } from '../metrics';
import type { IngestCaller } from './ingest-auth';
import { AppError } from '../errors';
import { IngestError } from './ingest-error';
import type { InflightBudget } from './inflight-budget';
import type { PreparedLog } from './prepare-body';
import { inlinePrepare, type PrepareFn } from './prepare-pool';
import { readBody } from './read-body';

/** A request as any HTTP layer can describe it (Next.js route handler or the server's fast path). */
export interface IngestRequest {
  readonly kind: 'single' | 'batch';
  readonly method: string;
  readonly headers: { get(name: string): string | null };
  readonly body: AsyncIterable<Uint8Array> | null;
  readonly caller: IngestCaller;
  readonly remote: string | null;
}

export interface IngestResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown>;
}

/** One answered ingest request, as ingest tells it (lib/serve turns these into log lines). */
export interface IngestAnswered {
  readonly kind: IngestRequest['kind'];
  readonly remote: string | null;
  readonly response: IngestResponse;
  /** El Proxy's failure type of a refusal (the `processed_requests` label); null for a 200. */
  readonly failureType: FailureType | 'bad_request' | null;
  readonly ms: number;
}

export interface IngestDeps {
  readonly maxBodyBytes: number;
  /**
   * The bytes of request bodies held at once (`web_server.max_inflight_bytes`, inflight-budget.ts):
   * a request that would go over it gets 429. Default: no bound.
   */
  readonly inflight?: InflightBudget;
  /** Default `event.module` (config `module`). */
  readonly module: string;
  /**
   * The signed fields (the chain service's selector). With it, each log's canonical signed fields
   * are computed when it arrives (the chain writer reuses them while the selector is unchanged),
   * and a log whose signed fields have no canonical form is rejected like any unsignable log
   * instead of failing the group commit.
   */
  readonly selector?: () => FieldSelector;
  /**
   * Where bodies are parsed, routed and canonicalized (prepare-pool.ts: worker threads); default:
   * on this thread with `module` and `selector`.
   */
  readonly prepare?: PrepareFn;
  readonly authenticate: (caller: IngestCaller) => boolean;
  readonly submit: (logs: readonly RoutedLog[]) => Promise<{ indexed: number; dlq: number }>;
  /**
   * Whether the logs of a chain may be signed (the chain service's limit on blockchains): null,
   * or why not — those logs then go to the rejected area with that reason. Default: all may.
   */
  readonly admit?: (identity: ChainIdentity) => Promise<string | null>;
  readonly reject: (entries: { rawText: string; reason: string; receivedAt: Date; remote?: string }[]) => Promise<void>;
  readonly metrics: SignetMetrics;
  readonly now?: () => number;
  /** Unexpected errors (never shown to the client) go here. */
  readonly onUnexpected?: (err: unknown) => void;
  /** Told of every answer (lib/serve: outage lines, the debug request log). */
  readonly onAnswered?: (a: IngestAnswered) => void;
}

/**
 * El Proxy's `POST /api/log` and `POST /api/log_batch` (SPEC §5). 200 only when every log is
 * durable: signed and indexed or in the DLQ, or — for a log that cannot be signed — kept unsigned
 * in the DLQ's rejected area. A malformed request is a 4xx naming the problem and changes
 * nothing; trouble with the store, the disk or a queue is a 429/503 so that Logstash retries.
 */
export function createIngestService(deps: IngestDeps) {
  const now = deps.now ?? Date.now;
  const prepare = deps.prepare ?? inlinePrepare(deps.module, deps.selector);
  async function answerRequest(req: IngestRequest): Promise<Answer> {
    const ticket = deps.inflight?.open();
    const m = deps.metrics;
    m.receivedRequests.inc();
    try {
      // Counted like every other refusal, so that received_requests − processed_requests stays
      // the requests in flight.
      if (req.method !== 'POST') return failure(405, 'bad_request', 'ERR_INGEST_METHOD', `use POST, not ${req.method}`);
      if (!deps.authenticate(req.caller)) {
        throw new IngestError('ERR_INGEST_UNAUTHORIZED', 'missing or invalid ingest credentials');
      }
      const body = await readBody(req.body, { contentLength: req.headers.get('content-length'), contentEncoding: req.headers.get('content-encoding') }, { maxBytes: deps.maxBodyBytes, ...(ticket === undefined ? {} : { ticket }) });
      const { logs: prepared, selector } = await prepare(body, req.kind);
      const refused = deps.admit === undefined ? null : await refusedChains(prepared, deps.admit);
      const routed: RoutedLog[] = [];
      const rejected: { rawText: string; reason: string; receivedAt: Date; remote?: string }[] = [];
      // received_logs counts runs of logs with the same labels (usually the whole batch): one
      // increment per run instead of one per log, whose label formatting cost ~1% of ingest CPU.
      let run: { tenant: string; retention: string; tag: string } | null = null;
      let runLength = 0;
      for (const p of prepared) {
        if ('reason' in p) {
          rejected.push({ rawText: p.raw, reason: p.reason, receivedAt: new Date(now()), ...(req.remote ? { remote: req.remote } : {}) });
          continue;
        }
        const id = p.identity;
        const refusal = refused?.get(id);
        if (refusal !== undefined) {
          rejected.push({ rawText: p.raw, reason: refusal, receivedAt: new Date(now()), ...(req.remote ? { remote: req.remote } : {}) });
          continue;
        }
        routed.push({
          identity: id,
          dataStream: p.dataStream,
          pipeline: p.pipeline,
          raw: p.raw,
          ...(p.canonicalFields === undefined || selector === undefined ? {} : { canonical: { text: p.canonicalFields, selector } }),
        });
        if (run === null || run.tenant !== id.customer || run.retention !== id.retention || run.tag !== id.tag) {
          if (run !== null) m.receivedLogs.inc(run, runLength);
          run = { tenant: id.customer, retention: id.retention, tag: id.tag };
          runLength = 0;
        }
        runLength++;
      }
      if (run !== null) m.receivedLogs.inc(run, runLength);
      // Rejected logs first: if the chains then fail, a re-send only duplicates rejected entries.
      if (rejected.length > 0) {
        try {
          await deps.reject(rejected);
        } catch (err) {
          m.processedLogs.inc({ result: 'failure' }, prepared.length);
          return failure(503, 'dlq_error', 'ERR_INGEST_UNAVAILABLE', `the DLQ rejected area cannot be written: ${(err as Error).message}`);
        }
        m.rejectedLogs.inc({}, rejected.length);
      }
      const counts = routed.length > 0 ? await deps.submit(routed) : { indexed: 0, dlq: 0 };
      m.processedRequests.inc({ result: 'success', failure_type: 'none' });
      return ok(200, { logs: prepared.length, indexed: counts.indexed, dlq: counts.dlq, rejected: rejected.length, chains: chainNames(routed) });
    } catch (err) {
      return fromError(err);
    } finally {
      ticket?.close();
    }
  }

  return async function handle(req: IngestRequest): Promise<IngestResponse> {
    const started = now();
    const { response, failureType } = await answerRequest(req);
    const ms = now() - started;
    deps.metrics.responseTime.observe(ms / 1000);
    deps.onAnswered?.({ kind: req.kind, remote: req.remote, response, failureType, ms });
    return response;
  };

  function fromError(err: unknown): Answer {
    // `instanceof AppError` also holds for another bundle's copy of the class (lib/errors).
    if (err instanceof AppError && err.expose) return failure(err.status, failureType(err.code), err.code, err.message);
    deps.onUnexpected?.(err);
    return failure(500, 'unexpected_error', 'ERR_INTERNAL', 'internal error');
  }

  function failure(status: number, type: FailureType | 'bad_request', code: string, message: string): Answer {
    deps.metrics.processedRequests.inc({ result: 'failure', failure_type: type });
    const headers: Record<string, string> =
      status === 503 || status === 429 ? { 'Retry-After': '5' } : status === 401 ? { 'WWW-Authenticate': 'Basic realm="signet", ApiKey' } : status === 405 ? { Allow: 'POST' } : {};
    return { response: answer(status, { error: { code, message } }, headers), failureType: type };
  }
}

/**
 * The chains of a request that may not be signed, each with why (null when none): asked once per
 * chain, found per log by the identity object (logs routed alike share one).
 */
async function refusedChains(prepared: readonly PreparedLog[], admit: (id: ChainIdentity) => Promise<string | null>): Promise<Map<ChainIdentity, string> | null> {
  const seen = new Set<ChainIdentity>();
  const byChain = new Map<string, ChainIdentity[]>();
  for (const p of prepared) {
    if ('reason' in p || seen.has(p.identity)) continue;
    seen.add(p.identity);
    const key = identityKey(p.identity);
    const same = byChain.get(key);
    if (same === undefined) byChain.set(key, [p.identity]);
    else same.push(p.identity);
  }
  let refused: Map<ChainIdentity, string> | null = null;
  for (const ids of byChain.values()) {
    const reason = await admit(ids[0] as ChainIdentity);
    if (reason === null) continue;
    refused ??= new Map();
    for (const id of ids) refused.set(id, reason);
  }
  return refused;
}

function failureType(code: string): FailureType | 'bad_request' {
  if (code === 'ERR_CHAINS_QUEUE_FULL' || code === 'ERR_INGEST_QUEUE_FULL') return 'full_queue_error';
  if (code === 'ERR_CHAINS_DLQ') return 'dlq_error';
  if (code === 'ERR_CHAINS_OUTBOX') return 'file_system_error';
  if (code.startsWith('ERR_CHAINS_')) return code === 'ERR_CHAINS_UNAVAILABLE' ? 'elasticsearch_error' : 'internal_error';
  if (code.startsWith('ERR_DLQ_')) return 'dlq_error';
  return 'bad_request';
}

/** An answer and, for a refusal, its failure type (the metrics label and the outage log's cause). */
interface Answer {
  readonly response: IngestResponse;
  readonly failureType: FailureType | 'bad_request' | null;
}

function ok(status: number, body: Record<string, unknown>): Answer {
  return { response: answer(status, body), failureType: null };
}

function answer(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): IngestResponse {
  return { status, headers, body };
}

export type IngestHandler = ReturnType<typeof createIngestService>;

/** The chains of a request's logs, in first-seen order (each name built once, not per log). */
function chainNames(routed: readonly RoutedLog[]): string[] {
  const names = new Map<string, string>();
  for (const { identity: id } of routed) {
    const key = identityKey(id);
    if (!names.has(key)) names.set(key, chainName(id));
  }
  return [...names.values()];
}

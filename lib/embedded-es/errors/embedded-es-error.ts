/**
 * The one error class of lib/embedded-es.
 *
 * `ERR_EMBEDDED_ES_REQUEST` errors are Elasticsearch errors: they carry the wire `type`, `reason`,
 * HTTP status and metadata (`index`, `resource.id`, ...) and are rendered exactly as
 * Elasticsearch renders them, so official clients raise their usual `ResponseError`.
 * The other codes are library failures (bad options, unreadable data directory).
 */
import { AppError } from '../../errors';

export type EmbeddedEsErrorCode =
  | 'ERR_EMBEDDED_ES_REQUEST'
  | 'ERR_EMBEDDED_ES_OPTIONS'
  | 'ERR_EMBEDDED_ES_CORRUPT'
  | 'ERR_EMBEDDED_ES_IO';

/** A nested `caused_by` of an Elasticsearch error. */
export interface EsCause {
  type: string;
  reason: string;
  caused_by?: EsCause;
  [key: string]: unknown;
}

export interface EsErrorInit {
  status: number;
  type: string;
  reason: string;
  /** Extra keys rendered after `reason` (e.g. `resource.type`, `index_uuid`, `index`). */
  metadata?: Record<string, unknown>;
  causedBy?: EsCause;
  /** Extra keys rendered only at the top level of the error (e.g. `failed_shards`). */
  extra?: Record<string, unknown>;
  /** Root causes when they differ from the error itself (search phase failures). */
  rootCause?: EsCause[];
}

export class EmbeddedEsError extends AppError<EmbeddedEsErrorCode> {
  readonly esType: string;
  readonly reason: string;
  readonly metadata: Record<string, unknown>;
  readonly causedBy: EsCause | undefined;
  readonly extra: Record<string, unknown>;
  readonly rootCause: EsCause[] | undefined;

  constructor(code: EmbeddedEsErrorCode, init: EsErrorInit, options: { cause?: unknown } = {}) {
    super(code, init.reason, { status: init.status, expose: true, cause: options.cause });
    this.esType = init.type;
    this.reason = init.reason;
    this.metadata = init.metadata ?? {};
    this.causedBy = init.causedBy;
    this.extra = init.extra ?? {};
    this.rootCause = init.rootCause;
  }

  /** The error object as it appears inside a bulk item or an mget/msearch entry. */
  toCause(): EsCause {
    const out: EsCause = { type: this.esType, reason: this.reason, ...this.metadata };
    if (this.causedBy) out.caused_by = this.causedBy;
    return out;
  }

  /** The full top-level body: `{"error":{"root_cause":[...],"type","reason",...},"status"}`. */
  toBody(): Record<string, unknown> {
    const self: Record<string, unknown> = { type: this.esType, reason: this.reason, ...this.metadata };
    const root = this.rootCause ?? [{ type: this.esType, reason: this.reason, ...this.metadata }];
    const error: Record<string, unknown> = { root_cause: root, ...self, ...this.extra };
    if (this.causedBy) error.caused_by = this.causedBy;
    return { error, status: this.status };
  }
}

/** Creates a wire error (`ERR_EMBEDDED_ES_REQUEST`). */
export function esError(init: EsErrorInit): EmbeddedEsError {
  return new EmbeddedEsError('ERR_EMBEDDED_ES_REQUEST', init);
}

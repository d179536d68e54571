import type { IngestErrorCode } from './ingest-error';
import type { PackedLogs } from './packed-logs';

/** Main thread → prepare worker (structured clone; `body`'s buffer is transferred). */
export interface PrepareTask {
  readonly id: number;
  readonly kind: 'batch' | 'single';
  readonly body: Uint8Array;
  readonly module: string;
  /** The include_fields to compute the canonical signed fields with; null: none. */
  readonly includeFields: readonly string[] | null;
}

/** Prepare worker → main thread: the prepared logs, or the IngestError (code null: anything else). */
export type PrepareReply = { readonly id: number; readonly packed: PackedLogs } | { readonly id: number; readonly error: { readonly code: IngestErrorCode | null; readonly message: string } };

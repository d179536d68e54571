/** Messages between the main thread and verification workers (structured-clone safe). */

/** A benchmark batch: a chain segment the worker signs itself, then verifies when told to. */
export interface BenchBatchSpec {
  index: number;
  startIteration: number;
  /** Key of `startIteration`, hex. */
  startKey: string;
  /** Hash linked by the first log (null at iteration 0). */
  previousHash: string | null;
  count: number;
}

export type ToWorker =
  | { type: 'generate'; batches: BenchBatchSpec[]; logSizeBytes: number; acknowledgeBlockchainId: string }
  | { type: 'verify' };

export type FromWorker =
  | { type: 'generated'; logs: number; bytes: number }
  | { type: 'progress'; logs: number }
  | { type: 'verified'; logs: number; bytes: number; errors: number; duplicates: number; malformed: number }
  | { type: 'failed'; message: string };

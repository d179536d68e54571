/** One stored document version. Immutable: an update stores a new record. */
export interface DocRecord {
  readonly id: string;
  /**
   * The `_source` bytes exactly as received (or as re-serialized by an update or a pipeline).
   * Kept off the V8 heap: copying ~1 KB strings out of the young generation was the write
   * path's main garbage-collection cost. Often a slice of the request body it arrived in.
   */
  readonly source: Buffer;
  readonly version: number;
  readonly seqNo: number;
  readonly primaryTerm: number;
  readonly routing: string | undefined;
}

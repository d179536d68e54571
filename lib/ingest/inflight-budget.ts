import { IngestError } from './ingest-error';

/**
 * The bytes of ingest request bodies held at once, bounded (config `web_server.max_inflight_bytes`,
 * the counterpart of Elasticsearch's indexing pressure). `web_server.max_body_bytes` bounds one
 * request and `message_queue_size` one chain's queue, but neither bounds many requests at once:
 * Logstash pipeline workers, several shippers or a burst of large batches could together hold
 * more memory than the process has. A request takes its bytes as they arrive (its decompressed
 * size once inflated) and gives them back when it is answered; one that would go over the bound
 * is refused with 429 (ERR_INGEST_QUEUE_FULL: Logstash sends it again later) before anything is
 * signed. The bound is at least `max_body_bytes` (config rule), so a request alone always fits.
 */
export class InflightBudget {
  private used = 0;

  constructor(readonly limit: number) {
    if (!Number.isSafeInteger(limit) || limit < 1) throw new TypeError('limit must be a positive integer');
  }

  /** Bytes held by the requests in flight now. */
  inUse(): number {
    return this.used;
  }

  /** A ticket for one request: `take` bytes as they arrive, `close` once it is answered. */
  open(): BodyTicket {
    let held = 0;
    return {
      take: (bytes: number) => {
        if (this.used + bytes > this.limit) {
          throw new IngestError(
            'ERR_INGEST_QUEUE_FULL',
            `Signet already holds ${this.used} bytes of request bodies in flight (web_server.max_inflight_bytes = ${this.limit}); send the batch again later`,
          );
        }
        this.used += bytes;
        held += bytes;
      },
      give: (bytes: number) => {
        const n = Math.min(bytes, held);
        this.used -= n;
        held -= n;
      },
      close: () => {
        this.used -= held;
        held = 0;
      },
    };
  }
}

export interface BodyTicket {
  /** @throws {IngestError} ERR_INGEST_QUEUE_FULL (429) when the bytes do not fit. */
  take(bytes: number): void;
  /** Gives back bytes no longer held (the compressed body once inflated). */
  give(bytes: number): void;
  /** Gives back everything this ticket holds (idempotent). */
  close(): void;
}

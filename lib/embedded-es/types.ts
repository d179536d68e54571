/** Public option and handle types of the embedded store. */
import type { FaultController } from './faults/fault-controller';

/** Where the store reports notable events (torn WAL tail, compaction, listen address). */
export interface EmbeddedEsLogger {
  info?(message: string, details?: Record<string, unknown>): void;
  warn?(message: string, details?: Record<string, unknown>): void;
  error?(message: string, details?: Record<string, unknown>): void;
}

export interface EmbeddedEsOptions {
  /** Directory holding the write-ahead log and snapshots (created if missing). */
  dataDir: string;
  /** Listen address; loopback by default. */
  host?: string;
  /** Listen port; 0 picks an ephemeral port. */
  port?: number;
  /** `http.max_content_length` in bytes (default 100 MB); larger bodies get 413. */
  maxContentLength?: number;
  /** Enables `/_signet/faults` and `faults.add()`; off by default. */
  faultInjection?: boolean;
  logger?: EmbeddedEsLogger;
  /** WAL size that triggers a background snapshot (default 512 MB). */
  compactThresholdBytes?: number;
  /**
   * How long to wait, in ms, when another live process holds the data directory (default 0:
   * refuse at once). A supervisor restarting the store sets it to outlast a predecessor's exit.
   */
  lockWaitMs?: number;
}

export interface EmbeddedEs {
  /** Base URL, e.g. `http://127.0.0.1:9200`. */
  readonly url: string;
  readonly port: number;
  /** Fault injection rules (only effective when `faultInjection` is enabled). */
  readonly faults: FaultController;
  /** Stops listening, finishes in-flight requests, flushes the log and releases the directory. */
  close(): Promise<void>;
}

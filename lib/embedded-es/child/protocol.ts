/**
 * The IPC messages between `signet serve` and its embedded-store child process
 * (child-main.ts). Options travel as one JSON argument; everything else as these messages.
 */

/** What the child needs to start the store (argv[2], JSON). */
export interface ChildStoreOptions {
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly maxContentLength: number;
  readonly lockWaitMs: number;
}

/** Parent → child. */
export type ToChild = { readonly type: 'close' };

/** Child → parent. */
export type FromChild =
  | { readonly type: 'listening'; readonly url: string; readonly port: number }
  | { readonly type: 'start-failed'; readonly code: string; readonly message: string }
  | { readonly type: 'log'; readonly level: 'warn' | 'error'; readonly message: string; readonly details?: Record<string, unknown> };

export function isFromChild(m: unknown): m is FromChild {
  return typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string';
}

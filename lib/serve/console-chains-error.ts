import { AppError } from '../errors';

/** Closed codes of the console's Blockchains service. */
export type ConsoleChainsErrorCode =
  /** No writer, key file, stored log, data stream or report for this chain: 404. */
  | 'ERR_CONSOLE_CHAIN_NOT_FOUND'
  /** The store could not be read, and nothing local says whether the chain exists: 503. */
  | 'ERR_CONSOLE_CHAINS_STORE';

const STATUS: Record<ConsoleChainsErrorCode, number> = { ERR_CONSOLE_CHAIN_NOT_FOUND: 404, ERR_CONSOLE_CHAINS_STORE: 503 };

export class ConsoleChainsError extends AppError<ConsoleChainsErrorCode> {
  constructor(code: ConsoleChainsErrorCode, message: string, options: { cause?: unknown } = {}) {
    // Both messages name a chain or a store failure (type and reason), never a document or a key.
    super(code, message, { status: STATUS[code], expose: true, ...options });
  }
}

/** A client failure as one line: the store's status, error type and reason, or the transport error. */
export function describeStoreFailure(what: string, err: unknown): string {
  const e = err as { meta?: { statusCode?: number; body?: unknown }; name?: string; message?: string };
  const status = e.meta?.statusCode;
  if (typeof status === 'number' && status > 0) {
    let raw = e.meta?.body;
    if (typeof raw === 'string') {
      try {
        raw = JSON.parse(raw);
      } catch {
        raw = { error: raw };
      }
    }
    const body = raw as { error?: { type?: unknown; reason?: unknown } | string } | undefined;
    const error = body?.error;
    const reason = typeof error === 'string' ? error : error !== undefined ? `${String(error.type)}: ${String(error.reason)}` : 'no reason given';
    return `${what}: the store answered ${status}: ${reason.slice(0, 300)}`;
  }
  return `${what}: ${e.name ?? 'Error'}: ${(e.message ?? String(err)).slice(0, 300)}`;
}

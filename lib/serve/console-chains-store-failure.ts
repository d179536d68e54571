// One-line descriptions of the store's failures for the console's Blockchains pages (messages
// shown to operators: status, error type and reason, or the transport error; never a document).

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

import { isAppError } from '../errors';

// The console API's error edge (house style §2.3): an AppError becomes
// `{ error: { code, message } }` with its status; the message only when `expose`, and anything
// unknown a generic 500 (logged server-side by the caller, never sent).

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers },
  });
}

export function errorResponse(err: unknown, log: (line: string) => void): Response {
  if (isAppError(err)) {
    if (!err.expose || err.status >= 500) log(`console API: ${err.code}: ${err.message}`);
    const headers: Record<string, string> = err.status === 401 ? { 'www-authenticate': 'Cookie realm="signet-console"' } : {};
    return jsonResponse(err.status, { error: { code: err.code, message: err.expose ? err.message : 'Internal error' } }, headers);
  }
  log(`console API: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return jsonResponse(500, { error: { code: 'ERR_INTERNAL', message: 'Internal error' } });
}

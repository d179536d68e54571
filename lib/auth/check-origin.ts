import { AuthError } from './auth-error';

// Cross-site request forgery defence for state-changing console requests (OWASP CSRF cheat
// sheet, "Verifying origin with standard headers" + Fetch Metadata). The session cookie is
// SameSite=Lax, which already keeps it off cross-site POSTs; this check is the second layer and
// also covers same-site-but-cross-origin pages (another port on the same host).

/** Methods that never change anything: no origin check. */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * @throws AuthError ERR_AUTH_CROSS_SITE unless the request provably comes from `publicUrl`'s
 * origin: `Sec-Fetch-Site: same-origin`, or an `Origin` (else `Referer`) with that origin.
 */
export function assertSameOrigin(req: Request, publicUrl: string): void {
  if (SAFE_METHODS.has(req.method)) return;
  const expected = new URL(publicUrl).origin;
  const site = req.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') throw new AuthError('ERR_AUTH_CROSS_SITE', 'cross-site request refused: state-changing console requests must come from the console itself');
  const origin = req.headers.get('origin');
  const referer = req.headers.get('referer');
  let actual: string | null = null;
  try {
    actual = origin !== null && origin !== 'null' ? new URL(origin).origin : referer !== null ? new URL(referer).origin : null;
  } catch {
    actual = null;
  }
  if (actual !== expected) throw new AuthError('ERR_AUTH_CROSS_SITE', `cross-site request refused: the Origin header must be ${expected}`);
}

import { NextResponse, type NextRequest } from 'next/server';
import { getConsoleContext, readSessionToken, safeCallbackPath, sessionCookieName } from './lib/auth';

// Next 16's request proxy (formerly middleware.ts), Node runtime: the OPTIMISTIC gate of the
// console. It only checks that a session cookie decrypts and is not expired, and sends everyone
// else to /login (pages) or answers 401 (console API). Roles are checked authoritatively by the
// console layout and by withConsoleAuth in every route: this file is never the only check.
//
// The matcher lists what the console owns. El Proxy's ingest and status API (/api/log,
// /api/log_batch, /api/v1/...) and next-auth's own routes are not matched: they keep their own
// credentials and must never redirect a log shipper to a login page.

export const config = {
  matcher: [
    // Every page except the login machinery and static assets.
    '/((?!api/|_next/|login$|login/|logout$|logged-out$|icon\\.svg$|favicon\\.ico$|robots\\.txt$).*)',
    '/api/console/:path*',
  ],
};

export async function proxy(req: NextRequest): Promise<NextResponse> {
  const ctx = getConsoleContext();
  // Plain `next start` (no services): let the pages render their own "not serving" answer.
  if (ctx === null) return NextResponse.next();
  const isApi = req.nextUrl.pathname.startsWith('/api/');
  const token = await readSessionToken(ctx, { cookies: new Map(req.cookies.getAll().map((c) => [c.name, c.value])), headers: req.headers });
  if (token !== null) return NextResponse.next();
  if (isApi) {
    return NextResponse.json(
      { error: { code: 'ERR_AUTH_REQUIRED', message: 'sign in to use the console API (no valid session; it may have expired)' } },
      { status: 401, headers: { 'cache-control': 'no-store', 'www-authenticate': 'Cookie realm="signet-console"' } },
    );
  }
  // The callback is where the user wanted to go, as a same-origin path only.
  const wanted = safeCallbackPath(`${req.nextUrl.pathname}${req.nextUrl.search}`, ctx.publicUrl);
  const login = new URL(`${ctx.publicUrl}/login`);
  if (wanted !== '/') login.searchParams.set('callbackUrl', wanted);
  // A session cookie that no longer counts (absolute lifetime over, or tampered): the identity
  // provider must ask for the password again rather than sign the user back in from its own
  // SSO session, or the console's session limit would mean nothing.
  const cookieName = sessionCookieName(ctx.publicUrl);
  if (req.cookies.getAll().some((c) => c.name === cookieName || c.name.startsWith(`${cookieName}.`))) login.searchParams.set('reason', 'expired');
  return NextResponse.redirect(login, 307);
}

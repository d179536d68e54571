import { clearSessionCookies, CONSOLE_ROUTES, endSessionUrl, jsonResponse, parseCookieHeader, withConsoleAuth } from '@/lib/server';
import { logoutBodySchema, type LogoutDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/**
 * Ends the console session (cookie deleted, audit record) and answers where the browser goes next:
 * the IdP's end-session endpoint with id_token_hint, so the IdP session ends too.
 */
export const POST = withConsoleAuth(CONSOLE_ROUTES.logout, logoutBodySchema, async ({ user, session, ctx, req }) => {
  await ctx.audit
    .append({ user: { name: user.username, roles: user.roles }, action: 'logout', target: ctx.issuer, outcome: 'success' })
    .catch((err: unknown) => ctx.log(`audit: logout of ${user.username} not recorded: ${(err as Error).message}`));
  const body: LogoutDto = { url: (await endSessionUrl(ctx, session.idToken)) ?? '/logged-out' };
  const res = jsonResponse(200, body);
  for (const c of clearSessionCookies(ctx, parseCookieHeader(req.headers.get('cookie')).keys())) res.headers.append('set-cookie', c);
  return res;
});

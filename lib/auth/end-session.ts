import type { ConsoleContext } from './console-context';
import { sessionCookieName } from './session-token';

// Logout that really logs out (stack-notes gotcha 9): clearing next-auth's cookie leaves the
// IdP's SSO session alive, and the next visit would sign in silently. So the console also sends
// the browser to the IdP's end_session_endpoint (OIDC RP-Initiated Logout 1.0) with
// id_token_hint, which Keycloak (and the embedded provider) honour without a prompt.

const endpoints = new Map<string, Promise<string | null>>();

async function discoverEndSession(issuer: string): Promise<string | null> {
  const res = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(3000) });
  if (!res.ok) return null;
  const doc = (await res.json()) as { end_session_endpoint?: unknown };
  return typeof doc.end_session_endpoint === 'string' && /^https?:\/\//.test(doc.end_session_endpoint) ? doc.end_session_endpoint : null;
}

/** The IdP URL to send the browser to, or null when the IdP has none or cannot be reached. */
export async function endSessionUrl(ctx: ConsoleContext, idToken: string | undefined): Promise<string | null> {
  let pending = endpoints.get(ctx.issuer);
  if (pending === undefined) {
    pending = discoverEndSession(ctx.issuer).catch(() => null);
    endpoints.set(ctx.issuer, pending);
    // A failed discovery is retried on the next logout, not cached forever.
    void pending.then((v) => v === null && endpoints.delete(ctx.issuer));
  }
  const endpoint = await pending;
  if (endpoint === null) return null;
  const url = new URL(endpoint);
  url.searchParams.set('client_id', ctx.clientId);
  url.searchParams.set('post_logout_redirect_uri', `${ctx.publicUrl}/logged-out`);
  if (idToken !== undefined) url.searchParams.set('id_token_hint', idToken);
  return url.href;
}

/** Set-Cookie values that delete the session cookie (and next-auth's chunks of it). */
export function clearSessionCookies(ctx: ConsoleContext, present: Iterable<string>): string[] {
  const base = sessionCookieName(ctx.publicUrl);
  const secure = ctx.publicUrl.startsWith('https://') ? '; Secure' : '';
  const names = new Set([base, ...[...present].filter((n) => n === base || n.startsWith(`${base}.`))]);
  return [...names].map((n) => `${n}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure}`);
}

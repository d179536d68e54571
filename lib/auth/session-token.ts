import { z } from 'zod';
import { decode, getToken } from 'next-auth/jwt';
import type { ConsoleContext } from './console-context';
import { consoleRoles, permissionsFor, type Permission } from './roles';

// Reading the session cookie, the one way every layer (proxy.ts, console layout, API routes)
// decides who is asking. The cookie is next-auth's encrypted JWT (A256GCM under a key derived
// from the session secret): a tampered cookie fails decryption, a foreign one too. On top of the
// JWT's own (sliding) expiry we enforce an absolute lifetime from `loginAt`, because next-auth
// re-issues the cookie on every session poll and would otherwise keep an open tab signed in
// forever.

const tokenSchema = z.object({
  username: z.string().min(1).max(256),
  roles: z.array(z.string()).max(500),
  loginAt: z.number().int().positive(),
  idToken: z.string().max(16_384).optional(),
});

export type SessionToken = z.infer<typeof tokenSchema>;

/** The signed-in user as server code sees it. */
export interface ConsoleUser {
  readonly username: string;
  /** Every role from the token (unknown roles included, they grant nothing). */
  readonly roles: readonly string[];
  /** The console roles among them. */
  readonly consoleRoles: readonly string[];
  readonly permissions: readonly Permission[];
  /** Epoch seconds when the session ends regardless of activity. */
  readonly expiresAt: number;
}

/** next-auth's cookie name: `__Secure-` only over https (stack-notes "Cookies over http"). */
export function sessionCookieName(publicUrl: string): string {
  return publicUrl.startsWith('https://') ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
}

/** The minimal request next-auth's getToken reads: cookies and headers. */
export interface CookieSource {
  readonly cookies: Map<string, string> | Record<string, string>;
  readonly headers: Headers | Record<string, string>;
}

/** Parses a Cookie header (RFC 6265 §5.4), last value wins. */
export function parseCookieHeader(header: string | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    let value = part.slice(i + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // keep the raw value; decryption will simply fail
    }
    out.set(name, value);
  }
  return out;
}

/** Decodes and checks the session token; null for none, tampered, expired or malformed. */
export async function readSessionToken(ctx: ConsoleContext, source: CookieSource, nowSecs = Math.floor(Date.now() / 1000)): Promise<SessionToken | null> {
  // Never a Bearer header: a console session lives in its cookie only.
  const headers = source.headers instanceof Headers ? new Headers(source.headers) : { ...source.headers };
  if (headers instanceof Headers) headers.delete('authorization');
  else delete headers.authorization;
  const raw = await getToken({
    req: { cookies: source.cookies, headers } as never,
    secret: ctx.sessionSecret,
    secureCookie: ctx.publicUrl.startsWith('https://'),
    decode,
    // getToken logs decryption failures through this logger; a tampered cookie is not news.
    logger: { error: () => undefined, warn: () => undefined, debug: () => undefined } as never,
  }).catch(() => null);
  const parsed = tokenSchema.safeParse(raw);
  if (!parsed.success) return null;
  if (parsed.data.loginAt + ctx.sessionMaxAgeSecs <= nowSecs) return null;
  return parsed.data;
}

/** The user of a session token under the configured role names. */
export function toConsoleUser(ctx: ConsoleContext, token: SessionToken): ConsoleUser {
  return {
    username: token.username,
    roles: token.roles,
    consoleRoles: consoleRoles(token.roles, ctx.roleNames),
    permissions: permissionsFor(token.roles, ctx.roleNames),
    expiresAt: token.loginAt + ctx.sessionMaxAgeSecs,
  };
}

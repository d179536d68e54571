import type { NextAuthOptions } from 'next-auth';
import KeycloakProvider from 'next-auth/providers/keycloak';
import type { ConsoleContext } from './console-context';
import { decodeJwtPayload, extractRoles } from './extract-roles';
import { safeCallbackPath } from './safe-callback-url';
import { consoleRoles } from './roles';

// next-auth v4 with its stock Keycloak provider (discovery, PKCE + state, ID token validated
// against the issuer's JWKS): the same code path for a real Keycloak and for the embedded
// provider. The session is a JWT cookie holding only what the console needs (username, roles,
// login time) plus the ID token, kept solely as `id_token_hint` for logout at the IdP.

/** next-auth's provider id; the callback path is `/api/auth/callback/keycloak`. */
export const PROVIDER_ID = 'keycloak';

const cache = new WeakMap<ConsoleContext, NextAuthOptions>();

/** The options for a context (memoized: NextAuth and getServerSession need the same object). */
export function getAuthOptions(ctx: ConsoleContext): NextAuthOptions {
  const cached = cache.get(ctx);
  if (cached !== undefined) return cached;
  const options: NextAuthOptions = {
    secret: ctx.sessionSecret,
    session: { strategy: 'jwt', maxAge: ctx.sessionMaxAgeSecs },
    providers: [KeycloakProvider({ clientId: ctx.clientId, clientSecret: ctx.clientSecret, issuer: ctx.issuer })],
    // Errors land on our login page (which explains them), never on next-auth's built-in pages.
    pages: { signIn: '/login', error: '/login', signOut: '/logout' },
    callbacks: {
      jwt({ token, account, profile }) {
        if (account == null) return token;
        // Sign-in: the only moment the IdP's tokens are at hand.
        const claims = (profile ?? {}) as Record<string, unknown>;
        const { roles } = extractRoles(account.access_token, claims, { rolesClaim: ctx.rolesClaim, clientRoles: ctx.clientRoles, clientId: ctx.clientId });
        const username = typeof claims.preferred_username === 'string' ? claims.preferred_username : (token.name ?? token.sub ?? 'unknown');
        return {
          sub: token.sub,
          username,
          roles,
          loginAt: Math.floor(Date.now() / 1000),
          ...(account.id_token === undefined ? {} : { idToken: account.id_token }),
        };
      },
      session({ session, token }) {
        // What the browser may see (GET /api/auth/session): never the ID token.
        const roles = Array.isArray(token.roles) ? (token.roles as string[]) : [];
        return { expires: session.expires, user: { name: typeof token.username === 'string' ? token.username : null, roles: consoleRoles(roles, ctx.roleNames) } } as never;
      },
      redirect({ url }) {
        return `${ctx.publicUrl}${safeCallbackPath(url, ctx.publicUrl)}`;
      },
    },
    events: {
      async signIn({ account, user }) {
        // Here `profile` is next-auth's normalized profile (no preferred_username, no roles): read
        // the ID token's claims (validated by next-auth a moment ago) and the access token instead.
        const claims = (account?.id_token === undefined ? null : decodeJwtPayload(account.id_token)) ?? {};
        const { roles } = extractRoles(account?.access_token, claims, { rolesClaim: ctx.rolesClaim, clientRoles: ctx.clientRoles, clientId: ctx.clientId });
        const name = typeof claims.preferred_username === 'string' ? claims.preferred_username : (user.name ?? 'unknown');
        await ctx.audit
          .append({ user: { name, roles }, action: 'login', target: ctx.issuer, outcome: 'success', details: { consoleRoles: consoleRoles(roles, ctx.roleNames).join(',') || '(none)' } })
          .catch((err: unknown) => ctx.log(`audit: login of ${name} not recorded: ${(err as Error).message}`));
      },
    },
    logger: {
      // next-auth passes provider errors with metadata that can include tokens: log codes only.
      error: (code) => ctx.log(`login: ${code}`),
      warn: (code) => ctx.log(`login: ${code}`),
      debug: () => undefined,
    },
  };
  cache.set(ctx, options);
  return options;
}

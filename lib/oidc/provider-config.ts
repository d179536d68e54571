import { randomBytes } from 'node:crypto';
import type { AccountLike, KoaContextLike } from 'oidc-provider';
import { pageHeaders, renderLogoutPage, renderMessagePage } from './login-page';
import { createMemoryAdapter } from './memory-adapter';
import type { PrivateJwk } from './signing-key';
import type { UserStore } from './user-store';

// The oidc-provider configuration that makes the embedded provider look like a Keycloak realm to
// next-auth's Keycloak provider: Keycloak's endpoint paths, RS256 JWT access tokens carrying
// `realm_access.roles` and `preferred_username`, PKCE required, no consent screen for the
// first-party console client, RP-initiated logout that honours id_token_hint without asking.

/** Keycloak's endpoint paths below the realm URL. */
export const KEYCLOAK_ROUTES = {
  authorization: '/protocol/openid-connect/auth',
  token: '/protocol/openid-connect/token',
  jwks: '/protocol/openid-connect/certs',
  userinfo: '/protocol/openid-connect/userinfo',
  end_session: '/protocol/openid-connect/logout',
  revocation: '/protocol/openid-connect/revoke',
  introspection: '/protocol/openid-connect/token/introspect',
} as const;

/** The resource every access token is for (its `aud` is the client id, as in Keycloak). */
export const CONSOLE_RESOURCE = 'urn:signet:console';
const SCOPE = 'openid profile email';

export interface ProviderConfigOptions {
  readonly realmPath: string;
  readonly client: { id: string; secret: string; redirectUris: string[]; postLogoutRedirectUris: string[] };
  readonly users: UserStore;
  readonly signingKey: PrivateJwk;
  /** SSO session lifetime at the provider. */
  readonly sessionTtlSecs: number;
}

/** Claims of a user, in the places Keycloak puts them. */
function userClaims(u: { id: string; username: string; roles: readonly string[] }): Record<string, unknown> {
  return { sub: u.id, preferred_username: u.username, name: u.username, realm_access: { roles: [...u.roles] } };
}

export function buildProviderConfig(o: ProviderConfigOptions): Record<string, unknown> {
  return {
    adapter: createMemoryAdapter(),
    clients: [
      {
        client_id: o.client.id,
        client_secret: o.client.secret,
        redirect_uris: o.client.redirectUris,
        post_logout_redirect_uris: o.client.postLogoutRedirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [o.signingKey] },
    // Fresh per start: they seal only the provider's own short-lived cookies.
    cookies: { keys: [randomBytes(32).toString('base64url')], long: { signed: true }, short: { signed: true } },
    routes: KEYCLOAK_ROUTES,
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'realm_access'], email: ['email', 'email_verified'] },
    // Keycloak puts profile claims in the ID token too.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    clientBasedCORS: () => false,
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${o.realmPath}/login-actions/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextLike, form: string) => {
          const nonce = randomBytes(16).toString('base64');
          for (const [k, v] of Object.entries(pageHeaders(nonce))) ctx.set(k, v);
          ctx.body = renderLogoutPage(form, nonce);
        },
        postLogoutSuccessSource: (ctx: KoaContextLike) => {
          for (const [k, v] of Object.entries(pageHeaders())) ctx.set(k, v);
          ctx.body = renderMessagePage('Signed out', 'You are signed out of Signet.');
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => CONSOLE_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: SCOPE,
          audience: o.client.id,
          accessTokenTTL: 300,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    extraTokenClaims: async (_ctx: unknown, token: { accountId?: string; kind?: string }) => {
      if (token.accountId === undefined) return undefined;
      const user = await o.users.findById(token.accountId);
      if (user === null) return undefined;
      const { sub: _sub, ...claims } = userClaims(user);
      return { ...claims, typ: 'Bearer', azp: o.client.id };
    },
    findAccount: async (_ctx: unknown, sub: string): Promise<AccountLike | undefined> => {
      const user = await o.users.findById(sub);
      // A user deleted meanwhile: the provider ends the session.
      if (user === null) return undefined;
      return { accountId: user.id, claims: () => userClaims(user) };
    },
    // First-party client: grant the console's scopes without a consent screen, as Keycloak does
    // for clients with "Consent required" off.
    loadExistingGrant: async (ctx: KoaContextLike) => {
      const { client, session, provider, result } = ctx.oidc;
      if (client === undefined || session?.accountId === undefined) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId !== undefined) {
        const existing = await provider.Grant.find(grantId);
        if (existing !== undefined) return existing;
      }
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(SCOPE);
      grant.addResourceScope(CONSOLE_RESOURCE, SCOPE);
      await grant.save();
      return grant;
    },
    ttl: {
      AccessToken: 300,
      AuthorizationCode: 60,
      IdToken: 300,
      Interaction: 600,
      Session: o.sessionTtlSecs,
      Grant: o.sessionTtlSecs,
    },
    renderError: (ctx: KoaContextLike, out: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(pageHeaders())) ctx.set(k, v);
      ctx.type = 'html';
      // `error_description` is the provider's fixed wording; never echo request data beyond it.
      const description = typeof out.error_description === 'string' ? out.error_description : 'The request could not be completed.';
      ctx.body = renderMessagePage('Sign-in error', `${String(out.error ?? 'error')}: ${description}`);
    },
  };
}

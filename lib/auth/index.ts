/**
 * lib/auth — who may use the console, and the one wrapper every console API route goes through.
 *
 * Contract:
 * - I/O only through next-auth (session cookies, the IdP's discovery/token endpoints) and the
 *   audit log it is given. Login is next-auth v4's Keycloak provider against the configured
 *   issuer (Keycloak or lib/oidc's embedded provider); roles come from the access token's
 *   configured claim (`realm_access.roles`, optionally client roles).
 * - Authorization is by permission (`session`, `read`, `operate`, `audit`) derived from role names
 *   in the configuration; unknown roles grant nothing.
 * - Every decision reads the encrypted session cookie through `readSessionToken`: tampered,
 *   foreign and expired cookies (absolute lifetime from login) are "no session".
 * - `withConsoleAuth` answers 401/403/400/413 with `{ error: { code, message } }` and never a 500
 *   for bad input; state-changing requests must pass the same-origin check.
 * - Never logs or returns tokens, cookies or secrets. Errors: `AuthError` (closed `ERR_AUTH_*`).
 */
export { installConsoleContext, getConsoleContext, type ConsoleContext, requireConsoleDlq, requireConsoleService, type ConsoleDlqService, type ConsoleServices } from './console-context';
export { ConsoleChainsError, type ConsoleChainsService, type ConsoleChainsErrorCode, type ChainDetailResult } from './console-chains-service';
export { getAuthOptions, PROVIDER_ID } from './auth-options';
export type { ConsoleOverviewService } from './console-overview-service';
export { withConsoleAuth, MAX_CONSOLE_BODY_BYTES, type ConsoleRequest } from './with-console-auth';
export { CONSOLE_ROUTES, type ConsoleRouteDef, type ConsoleRouteId, type HttpMethod } from './console-routes';
export { AuthError, type AuthErrorCode } from './auth-error';
export { permissionsFor, consoleRoles, PERMISSIONS, DEFAULT_ROLE_NAMES, type Permission, type RoleNames } from './roles';
export { extractRoles, decodeJwtPayload, rolesAt, type RolesSource } from './extract-roles';
export { readSessionToken, toConsoleUser, parseCookieHeader, sessionCookieName, type ConsoleUser, type SessionToken, type CookieSource } from './session-token';
export { safeCallbackPath } from './safe-callback-url';
export { assertSameOrigin } from './check-origin';
export { endSessionUrl, clearSessionCookies } from './end-session';
export { jsonResponse, errorResponse } from './error-response';
export { getConsoleUser } from './get-console-user';
export type { ConsoleCorruptionsService, ConsoleActor } from './console-corruptions-service';
export type { ConsoleVerificationService, VerificationActor } from './console-verification-service';
export type { ConsoleConfigurationService } from './console-configuration-service';
export { runAudited } from './run-audited';

/**
 * lib/oidc — the embedded OpenID Connect provider: login for the console when no Keycloak
 * issuer is configured.
 *
 * Contract:
 * - I/O. Listens on 127.0.0.1 only and serves Keycloak's layout below `/realms/signet`
 *   (discovery, `protocol/openid-connect/{auth,token,certs,userinfo,logout,revoke}`), so the
 *   console's production login path (next-auth's Keycloak provider) is the one that runs.
 * - Issues RS256 JWT access tokens with `realm_access.roles` and `preferred_username`; requires
 *   PKCE; one confidential client (the console, in the same process).
 * - Owns `<console.embedded_idp.data_dir>`: `users.json` (scrypt hashes), `signing-key.json`
 *   and `initial-passwords.txt` (written once, on first start), all mode 0600. Sessions, codes
 *   and tokens are in memory: a restart logs everyone out of the provider.
 * - Never logs or returns a password or secret; the login form answers one generic message for
 *   unknown users and wrong passwords, after the same hashing work; after 5 consecutive failures a
 *   username is locked out for a doubling wait (30 s up to 15 min, in memory).
 * - Errors: `OidcError` with closed `ERR_OIDC_*` codes.
 */
export { startEmbeddedIdp, REALM, type EmbeddedIdpOptions, type RunningIdp } from './start-embedded-idp';
export { createUserStore, generatePassword, checkPassword, checkRoles, checkUsername, MIN_PASSWORD_LENGTH, USERS_FILE, type UserStore, type UserSummary } from './user-store';
export { seedInitialUsers, parseInitialPasswords, INITIAL_PASSWORDS_FILE, type ConsoleRoleNames } from './initial-users';
export { OidcError, type OidcErrorCode } from './oidc-error';
export { hashPassword, verifyPassword } from './password-hash';
export { KEYCLOAK_ROUTES } from './provider-config';
export { LOGIN_FAILED } from './login-actions';
export { createLoginThrottle, type LoginThrottle } from './login-throttle';

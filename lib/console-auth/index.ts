/**
 * lib/console-auth — console login wiring for `signet serve` (called by lib/serve only).
 *
 * Contract: I/O at start-up only. Chooses the OpenID issuer (Keycloak from `[console.auth]`, else
 * lib/oidc's embedded provider on loopback), loads or creates the session-cookie key (mode 0600),
 * tells next-auth the public URL, and installs lib/auth's console context. Kept out of lib/auth
 * so the Next.js bundles never pull in the configuration loader or the provider.
 * Never logs a secret; the only path it reports is the first-start passwords file.
 */
export { startConsoleAuth, SESSION_SECRET_FILE, type ConsoleAuthHandle } from './start-console-auth';
export { loadSessionSecret, MIN_SESSION_SECRET_BYTES } from './load-session-secret';

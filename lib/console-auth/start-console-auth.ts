import path from 'node:path';
import type { AuditLog } from '../audit';
import { readSecret, setNextAuthUrl, type Config } from '../config';
import { startEmbeddedIdp } from '../oidc';
import { installConsoleContext, type ConsoleServices } from '../auth';
import { loadSessionSecret } from './load-session-secret';

// Console login for `signet serve`, called by the composition root: decides the issuer (Keycloak
// from the configuration, else the embedded provider on loopback), loads the session key and
// installs the console context for the Next.js handlers.

export const SESSION_SECRET_FILE = 'session-secret';

export interface ConsoleAuthHandle {
  readonly issuer: string;
  /** The embedded provider's first-start passwords file while it exists, else null. */
  readonly passwordsFile: string | null;
  close(): Promise<void>;
}

/** @throws OidcError, ConfigError, RangeError (short session secret), listen errors. */
export async function startConsoleAuth(config: Config, audit: AuditLog, log: (line: string) => void, services: ConsoleServices = {}): Promise<ConsoleAuthHandle> {
  const c = config.console;
  const publicUrl = config.webServer.publicUrl;
  setNextAuthUrl(publicUrl);
  const sessionSecret = await loadSessionSecret({ configuredFile: c.sessionSecretFile, generatedFile: path.join(c.dataDir, SESSION_SECRET_FILE) });
  let issuer = c.auth.issuer;
  let clientSecret = c.auth.clientSecret === null ? null : readSecret(c.auth.clientSecret).reveal();
  let close: () => Promise<void> = async () => undefined;
  let passwordsFile: string | null = null;
  if (issuer === null) {
    const idp = await startEmbeddedIdp({
      dataDir: c.embeddedIdp.dataDir,
      port: c.embeddedIdp.port,
      clientId: c.auth.clientId,
      redirectUris: [`${publicUrl}/api/auth/callback/keycloak`],
      postLogoutRedirectUris: [`${publicUrl}/logged-out`],
      roles: c.auth.roles,
      sessionTtlSecs: c.sessionMaxAgeSecs,
      log,
      onLogin: ({ username, ok }) => {
        if (ok) return; // the console records the successful login itself, with roles
        void audit.append({ user: { name: username || '(empty)', roles: [] }, action: 'login_failed', target: 'embedded OpenID provider', outcome: 'failure' }).catch(() => undefined);
      },
    });
    issuer = idp.issuer;
    clientSecret = idp.clientSecret;
    passwordsFile = idp.passwordsFile;
    close = () => idp.close();
  }
  installConsoleContext({
    publicUrl,
    issuer,
    clientId: c.auth.clientId,
    clientSecret: clientSecret ?? '',
    sessionSecret,
    sessionMaxAgeSecs: c.sessionMaxAgeSecs,
    roleNames: c.auth.roles,
    rolesClaim: c.auth.rolesClaim,
    clientRoles: c.auth.clientRoles,
    embeddedIdp: c.auth.issuer === null,
    audit,
    log,
    services,
  });
  return {
    issuer,
    passwordsFile,
    close: async () => {
      installConsoleContext(null);
      await close();
    },
  };
}

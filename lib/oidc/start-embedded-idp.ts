import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { INITIAL_PASSWORDS_FILE, seedInitialUsers, type ConsoleRoleNames } from './initial-users';
import { handleLoginAction } from './login-actions';
import { buildProviderConfig } from './provider-config';
import { createLoginThrottle } from './login-throttle';
import { loadOrCreateSigningKey } from './signing-key';
import { createUserStore } from './user-store';

export const REALM = 'signet';
const REALM_PATH = `/realms/${REALM}`;

export interface EmbeddedIdpOptions {
  readonly dataDir: string;
  /** Loopback port; 0 = any free port. */
  readonly port: number;
  readonly clientId: string;
  /** next-auth's callback URL(s) of the console. */
  readonly redirectUris: string[];
  /** Where the provider may send the browser after logout. */
  readonly postLogoutRedirectUris: string[];
  readonly roles: ConsoleRoleNames;
  readonly sessionTtlSecs: number;
  readonly log: (line: string) => void;
  /** After every password check (the caller audits failures); never given the password. */
  readonly onLogin?: (event: { username: string; ok: boolean }) => void;
}

export interface RunningIdp {
  /** `http://127.0.0.1:<port>/realms/signet`, what Keycloak calls the realm URL. */
  readonly issuer: string;
  readonly clientId: string;
  /** Generated per start; the console is the only client and lives in this process. */
  readonly clientSecret: string;
  /** The first-start passwords file while it exists (the operator deletes it), else null. */
  readonly passwordsFile: string | null;
  close(): Promise<void>;
}

/**
 * Starts the embedded OpenID provider on 127.0.0.1 with Keycloak's URL layout.
 * @throws OidcError ERR_OIDC_STORE_CORRUPT for an unreadable users or key file; listen errors.
 */
export async function startEmbeddedIdp(o: EmbeddedIdpOptions): Promise<RunningIdp> {
  const users = createUserStore(o.dataDir);
  const signingKey = await loadOrCreateSigningKey(o.dataDir);
  await seedInitialUsers(users, o.dataDir, o.roles);
  const clientSecret = randomBytes(32).toString('base64url');

  // The issuer contains the port, so listen first, then build the provider.
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}${REALM_PATH}`;
  // oidc-provider is ESM-only; the CLI bundle is CommonJS, so load it dynamically.
  const { default: Provider } = await import('oidc-provider');
  const provider = new Provider(
    issuer,
    buildProviderConfig({
      realmPath: REALM_PATH,
      client: { id: o.clientId, secret: clientSecret, redirectUris: o.redirectUris, postLogoutRedirectUris: o.postLogoutRedirectUris },
      users,
      signingKey,
      sessionTtlSecs: o.sessionTtlSecs,
    }),
  );
  provider.on('server_error', (_ctx, err) => o.log(`embedded OpenID provider: ${(err as Error).message}`));
  const callback = provider.callback();
  const throttle = createLoginThrottle();

  server.on('request', (req: http.IncomingMessage & { originalUrl?: string }, res: http.ServerResponse) => {
    const url = req.url ?? '/';
    const pathname = url.split('?')[0] as string;
    const login = /^\/realms\/signet\/login-actions\/([A-Za-z0-9_-]{1,64})$/.exec(pathname);
    if (login !== null) {
      handleLoginAction({ provider, users, realm: REALM, realmPath: REALM_PATH, throttle, ...(o.onLogin === undefined ? {} : { onLogin: o.onLogin }) }, req, res, login[1] as string).catch((err: unknown) => {
        o.log(`embedded OpenID provider: login failed: ${(err as Error).message}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
      });
      return;
    }
    if (pathname === REALM_PATH || pathname.startsWith(`${REALM_PATH}/`)) {
      // Mount below the realm path: oidc-provider derives its mount path from originalUrl.
      req.originalUrl = url;
      req.url = url.slice(REALM_PATH.length) || '/';
      callback(req, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });

  const passwordsFile = path.join(o.dataDir, INITIAL_PASSWORDS_FILE);
  return {
    issuer,
    clientId: o.clientId,
    clientSecret,
    passwordsFile: fs.existsSync(passwordsFile) ? passwordsFile : null,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

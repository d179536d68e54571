import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInitialPasswords, startEmbeddedIdp, type RunningIdp } from '.';

// A full authorization-code + PKCE flow against the embedded provider, driven with fetch the way
// next-auth's Keycloak provider drives Keycloak (discovery, auth, login form, token).

const REDIRECT = 'http://127.0.0.1:39999/api/auth/callback/keycloak';
let idp: RunningIdp;
let dir: string;
let passwords: Map<string, string>;

/** Minimal cookie jar: the provider's interaction and session cookies. */
class Jar {
  readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = (pair as string).indexOf('=');
      this.cookies.set((pair as string).slice(0, i), (pair as string).slice(i + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

async function authorize(jar: Jar, username: string, password: string) {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const discovery = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<string, string>;
  const auth = new URL(discovery.authorization_endpoint as string);
  for (const [k, v] of Object.entries({ client_id: 'signet-console', redirect_uri: REDIRECT, response_type: 'code', scope: 'openid profile email', state: 's1', code_challenge: challenge, code_challenge_method: 'S256' })) auth.searchParams.set(k, v);
  let res = await fetch(auth, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.take(res);
  const loginUrl = new URL(res.headers.get('location') as string, idp.issuer);
  res = await fetch(loginUrl, { headers: { cookie: jar.header() } });
  const form = await res.text();
  expect(form).toContain('id="kc-form-login"');
  res = await fetch(loginUrl, { method: 'POST', redirect: 'manual', headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username, password }).toString() });
  jar.take(res);
  return { res, verifier, discovery };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-idp-'));
  idp = await startEmbeddedIdp({ dataDir: dir, port: 0, clientId: 'signet-console', redirectUris: [REDIRECT], postLogoutRedirectUris: ['http://127.0.0.1:39999/logged-out'], roles: { viewer: 'signet-viewer', operator: 'signet-operator', auditor: 'signet-auditor' }, sessionTtlSecs: 3600, log: () => undefined });
  passwords = parseInitialPasswords(fs.readFileSync(idp.passwordsFile as string, 'utf8'));
});
afterAll(async () => {
  await idp.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('embedded OpenID provider', () => {
  it('creates one user per role with a 0600 password file, keys and users 0600', () => {
    expect([...passwords.keys()]).toEqual(['viewer', 'operator', 'auditor']);
    for (const f of ['initial-passwords.txt', 'users.json', 'signing-key.json']) expect(fs.statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(dir, 'users.json'), 'utf8')).not.toContain(passwords.get('viewer'));
  });

  it("serves Keycloak's discovery layout", async () => {
    const d = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(idp.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/realms\/signet$/);
    expect(d.issuer).toBe(idp.issuer);
    expect(d.token_endpoint).toBe(`${idp.issuer}/protocol/openid-connect/token`);
    expect(d.jwks_uri).toBe(`${idp.issuer}/protocol/openid-connect/certs`);
    expect(d.end_session_endpoint).toBe(`${idp.issuer}/protocol/openid-connect/logout`);
    expect(d.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('refuses a wrong password with the generic message', async () => {
    const { res } = await authorize(new Jar(), 'operator', 'wrong-password-123');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Invalid username or password.');
  });

  it('locks a username out after 5 wrong passwords (same generic answer, even for the right one)', async () => {
    for (let i = 0; i < 5; i++) await authorize(new Jar(), 'auditor', `wrong-password-${i}`);
    const { res } = await authorize(new Jar(), 'auditor', passwords.get('auditor') as string);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Invalid username or password.');
  });

  it('issues a JWT access token with realm_access.roles after a correct password (PKCE)', async () => {
    const jar = new Jar();
    const { res, verifier, discovery } = await authorize(jar, 'operator', passwords.get('operator') as string);
    expect(res.status).toBe(303);
    // Follow the resume redirect(s) to the client's redirect_uri.
    let location = res.headers.get('location') as string;
    while (!location.startsWith(REDIRECT)) {
      const r = await fetch(new URL(location, idp.issuer), { redirect: 'manual', headers: { cookie: jar.header() } });
      jar.take(r);
      location = r.headers.get('location') as string;
      expect(location).toBeTruthy();
    }
    const code = new URL(location).searchParams.get('code') as string;
    const basic = Buffer.from(`signet-console:${idp.clientSecret}`).toString('base64');
    const tokenRes = await fetch(discovery.token_endpoint as string, { method: 'POST', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier }).toString() });
    const tokens = (await tokenRes.json()) as Record<string, string>;
    expect(tokenRes.status, JSON.stringify(tokens)).toBe(200);
    const claims = JSON.parse(Buffer.from((tokens.access_token as string).split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;
    expect(claims.realm_access).toEqual({ roles: ['signet-operator'] });
    expect(claims.preferred_username).toBe('operator');
    expect(claims.iss).toBe(idp.issuer);
    const idClaims = JSON.parse(Buffer.from((tokens.id_token as string).split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;
    expect(idClaims.preferred_username).toBe('operator');
  });
});

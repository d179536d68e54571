import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ensureDir, writeFileExclusive } from '../durable-fs';
import { OidcError } from './oidc-error';

// The provider's token-signing key (RS256, as Keycloak's default realm key), kept in
// `<data_dir>/signing-key.json` (mode 0600) so tokens and JWKS stay stable across restarts.
// Created once with an exclusive create: two processes starting together cannot end up with
// different keys.

export const SIGNING_KEY_FILE = 'signing-key.json';

export type PrivateJwk = JsonWebKey & { kid: string; alg: 'RS256'; use: 'sig' };

function isPrivateRsaJwk(v: unknown): v is PrivateJwk {
  const k = v as Record<string, unknown> | null;
  return typeof k === 'object' && k !== null && k.kty === 'RSA' && typeof k.d === 'string' && typeof k.n === 'string' && typeof k.kid === 'string' && k.alg === 'RS256';
}

/**
 * Loads the signing key, creating it on first start.
 * @throws OidcError ERR_OIDC_STORE_CORRUPT when the file exists but is not an RSA private JWK.
 */
export async function loadOrCreateSigningKey(dataDir: string): Promise<PrivateJwk> {
  const file = path.join(dataDir, SIGNING_KEY_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
      if (!isPrivateRsaJwk(parsed)) throw new OidcError('ERR_OIDC_STORE_CORRUPT', `${file} is not an RSA private JWK; remove it to create a new key (signed-in users must log in again)`);
      return parsed;
    } catch (err) {
      if (err instanceof SyntaxError) throw new OidcError('ERR_OIDC_STORE_CORRUPT', `${file} is not valid JSON; remove it to create a new key`, { cause: err });
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk: PrivateJwk = { ...privateKey.export({ format: 'jwk' }), kid: `signet-${Date.now().toString(36)}`, alg: 'RS256', use: 'sig' };
    await ensureDir(dataDir, { mode: 0o700 });
    try {
      await writeFileExclusive(file, `${JSON.stringify(jwk)}\n`, { mode: 0o600 });
      return jwk;
    } catch (err) {
      // Another process created it first: read theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new OidcError('ERR_OIDC_STORE_CORRUPT', `${file} could not be created or read`);
}

import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { othersMayWrite, type IngestAuthConfig, type Secret, type SecretSource } from '../config';
import { apiKeyMatches, parseApiKeysFile, type ApiKeyEntry } from './api-keys-file';
import { IngestError } from './ingest-error';

/** What the HTTP layer knows about the caller. */
export interface IngestCaller {
  readonly authorization: string | null;
  /** True when the TLS layer verified a client certificate against `client_ca_path`. */
  readonly clientCertVerified: boolean;
}

/**
 * Decides whether a shipper may use the ingest API. A verified client certificate (mTLS)
 * authenticates on its own; otherwise the configured credentials must match. With
 * `ingest.auth.type = "None"` everyone may send (the quick-start default on loopback).
 * Comparisons are constant-time; nothing about the expected credentials is ever returned.
 */
export function createIngestAuthenticator(auth: IngestAuthConfig, readSecret: (source: SecretSource) => Secret): (caller: IngestCaller) => boolean {
  if (auth.type === 'None') return () => true;
  if (auth.type === 'BasicAuth') {
    const expected = sha(`${auth.username}:${readSecret(auth.password).reveal()}`);
    return (c) => {
      if (c.clientCertVerified) return true;
      const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(c.authorization?.trim() ?? '');
      return m !== null && timingSafeEqual(sha(Buffer.from(m[1] as string, 'base64').toString('utf8')), expected);
    };
  }
  // ApiKey: the file is re-read when it changes, so keys can be added or revoked without a restart.
  // `signet ingest-api-key` replaces it atomically (a new inode), so the inode, size and mtime
  // together tell a change even within the file system's timestamp granularity.
  const file = auth.apiKeysFile;
  let cache: { stamp: string; entries: ApiKeyEntry[] } | null = null;
  const entries = (): ApiKeyEntry[] => {
    let stamp: string;
    let mode: number;
    try {
      const st = fs.statSync(file);
      stamp = `${st.ino}:${st.size}:${st.mtimeMs}`;
      mode = st.mode;
    } catch {
      return []; // no file: no key is valid
    }
    const loose = othersMayWrite(mode);
    // Anyone who may write the file may add a key of their own: the server's trouble (503, the
    // shipper retries), refused on every request until the mode is fixed (a chmod is seen at once).
    if (loose !== null) throw new IngestError('ERR_INGEST_UNAVAILABLE', `the ingest API keys file ${loose}`);
    if (cache === null || cache.stamp !== stamp) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (err) {
        // An unreadable keys file is the server's trouble, not a bad credential: 503 makes the
        // shipper retry instead of dropping the batch as it would on 401.
        throw new IngestError('ERR_INGEST_UNAVAILABLE', `the ingest API keys file cannot be read (${(err as NodeJS.ErrnoException).code ?? 'I/O error'})`, err);
      }
      cache = { stamp, entries: parseApiKeysFile(text).entries };
    }
    return cache.entries;
  };
  return (c) => c.clientCertVerified || (c.authorization !== null && apiKeyMatches(entries(), c.authorization));
}

// Hashing both sides gives equal-length inputs for timingSafeEqual whatever the lengths.
const sha = (s: string): Buffer => createHash('sha256').update(s).digest();

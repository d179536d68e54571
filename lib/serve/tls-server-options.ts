import fs from 'node:fs';
import { createSecureContext, type SecureContextOptions } from 'node:tls';
import type { TlsConfig } from '../config';
import { ServeError } from './serve-error';

type PemTls = Extract<TlsConfig, { type: 'PemCertificatePath' }>;

/**
 * The listener's TLS options from `web_server.tls`, checked now: a missing file, a key that does
 * not match the certificate or a client CA file without a certificate stops start-up with the
 * setting and the file named, instead of OpenSSL's bare code (or, for the CA, of every client
 * certificate being refused later). OpenSSL's messages carry no key material.
 *
 * @throws {ServeError} ERR_SERVE_TLS.
 */
export function tlsServerOptions(tls: PemTls): SecureContextOptions & { requestCert: boolean; rejectUnauthorized: boolean } {
  const cert = readPem('certificate_path', tls.certificatePath);
  const key = readPem('private_key_path', tls.privateKeyPath);
  check(() => createSecureContext({ cert, key }), (m) =>
    /mismatch/i.test(m)
      ? `web_server.tls.private_key_path ${tls.privateKeyPath} does not match the certificate ${tls.certificatePath} (${m})`
      : `web_server.tls.certificate_path ${tls.certificatePath} / private_key_path ${tls.privateKeyPath}: not a usable PEM certificate and private key (${m})`);
  let ca: Buffer | undefined;
  if (tls.clientCaPath !== null) {
    const path = tls.clientCaPath;
    const pem = readPem('client_ca_path', path);
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new ServeError('ERR_SERVE_TLS', `web_server.tls.client_ca_path ${path}: holds no PEM certificate`);
    check(() => createSecureContext({ ca: pem }), (m) => `web_server.tls.client_ca_path ${path}: not a usable PEM CA certificate (${m})`);
    ca = pem;
  }
  return { cert, key, ...(ca !== undefined ? { ca } : {}), requestCert: tls.clientAuth !== 'none', rejectUnauthorized: tls.clientAuth === 'required', minVersion: 'TLSv1.2' };
}

function readPem(setting: string, path: string): Buffer {
  try {
    return fs.readFileSync(path);
  } catch (err) {
    throw new ServeError('ERR_SERVE_TLS', `web_server.tls.${setting} ${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'read error'})`, err);
  }
}

function check(build: () => unknown, message: (openssl: string) => string): void {
  try {
    build();
  } catch (err) {
    throw new ServeError('ERR_SERVE_TLS', message(err instanceof Error ? err.message : String(err)), err);
  }
}

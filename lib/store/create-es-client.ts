import fs from 'node:fs';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { Client, type ClientOptions } from '@elastic/elasticsearch';
import { readSecret, type ElasticsearchConfig } from '../config';
import { StoreError } from './store-error';

export interface CreateEsClientOptions {
  /** Overrides `elasticsearch.url`, e.g. with the embedded store's URL. */
  readonly url?: string;
}

function readPem(path: string, what: string): Buffer {
  try {
    return fs.readFileSync(path);
  } catch (err) {
    // The path is configuration, not a secret; the file's content never reaches the message.
    throw new StoreError('ERR_STORE_CONFIG', `cannot read the ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? 'read error'}`, { cause: err });
  }
}

function secret(read: () => string, what: string): string {
  try {
    return read();
  } catch (err) {
    // readSecret's ConfigError names the file, never its content.
    throw new StoreError('ERR_STORE_CONFIG', `cannot read the ${what}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * The official client (8.x) for the configured cluster: `elasticsearch.url` (or `options.url`),
 * `timeout_secs` as the request timeout, `ca_certificate_path` as the trusted CA, and the
 * `[elasticsearch.auth]` mode — `None`, `BasicAuth` (username + password or password_file),
 * `ApiKey` (api_key or api_key_file: the base64 `id:key` credential, sent as
 * `Authorization: ApiKey …`) or `PemCertificatePath` (client certificate + key for mutual TLS).
 *
 * The client's own retries are off (`maxRetries: 0`): Signet retries writes with its own policy
 * (failure_max_retries, exponential back-off) and must know about every failed attempt to decide
 * whether anything may have been written. Secrets are read from their files now, so a rotated
 * password is picked up by the next client; the client keeps its default `redaction`, so
 * credentials never appear in its errors.
 *
 * @param es the validated `[elasticsearch]` section (lib/config).
 * @param options `url` overrides `es.url` (the embedded store's URL).
 * @throws StoreError `ERR_STORE_CONFIG` when there is no URL or a CA, certificate, key or secret
 *   file cannot be read (the message names the file, never its content).
 * @example const client = createEsClient(config.elasticsearch, { url: embedded.url });
 */
export function createEsClient(es: ElasticsearchConfig, options: CreateEsClientOptions = {}): Client {
  const url = options.url ?? es.url;
  if (url === null || url === undefined || url === '') {
    throw new StoreError('ERR_STORE_CONFIG', 'no Elasticsearch URL: set elasticsearch.url, or start the embedded store and pass its URL');
  }
  const tls: TlsOptions = {};
  if (es.caCertificatePath !== null) tls.ca = readPem(es.caCertificatePath, 'CA certificate (elasticsearch.ca_certificate_path)');
  const opts: ClientOptions = { node: url, requestTimeout: es.timeoutSecs * 1000, maxRetries: 0 };
  const auth = es.auth;
  switch (auth.type) {
    case 'None':
      break;
    case 'BasicAuth':
      opts.auth = { username: auth.username, password: secret(() => readSecret(auth.password).reveal(), 'Elasticsearch password') };
      break;
    case 'ApiKey':
      opts.auth = { apiKey: secret(() => readSecret(auth.apiKey).reveal(), 'Elasticsearch API key') };
      break;
    case 'PemCertificatePath':
      tls.cert = readPem(auth.certificatePath, 'client certificate (elasticsearch.auth.certificate_path)');
      tls.key = readPem(auth.privateKeyPath, 'client private key (elasticsearch.auth.private_key_path)');
      break;
  }
  if (Object.keys(tls).length > 0) opts.tls = tls;
  return new Client(opts);
}

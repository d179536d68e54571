// What `signet serve` reads from disk at start-up besides the configuration files, checked
// without starting anything (`signet config check`, before a restart or a reload).
import fs from 'node:fs';
import { othersMayWrite, readSecret, type Config } from '../config';
import { createIngestAuthenticator } from '../ingest';
import { createEsClient } from '../store';
import { tlsServerOptions } from './tls-server-options';

/**
 * Reads every file `serve` needs at start-up as it would and returns why each unusable one cannot
 * be used (empty: all usable): the ingest TLS certificate, key and client CA (checked as a pair,
 * as at start-up), the ingest password or API-key file, the Elasticsearch CA, client certificate,
 * key and credentials, the console's OpenID client secret and session-key file. Nothing is
 * contacted (Elasticsearch, the OpenID provider); messages name files, never their content.
 */
export async function checkServeFiles(config: Config): Promise<string[]> {
  const problems: string[] = [];
  // `setting`: what names the file, for errors that only name the file (lib/config's readSecret).
  const attempt = async (fn: () => unknown, setting?: string) => {
    try {
      await fn();
    } catch (err) {
      const listed = (err as { problems?: readonly { source: string; message: string }[] }).problems;
      if (Array.isArray(listed)) for (const p of listed) problems.push(`${setting === undefined ? '' : `${setting} `}${p.source}: ${p.message}`);
      else problems.push((err as Error).message.replace(/\n\s*/g, ' '));
    }
  };
  const tls = config.webServer.tls;
  if (tls.type !== 'None') await attempt(() => tlsServerOptions(tls));
  await attempt(() => createIngestAuthenticator(config.ingest.auth, readSecret), 'ingest.auth.password');
  if (config.ingest.auth.type === 'ApiKey') {
    const file = config.ingest.auth.apiKeysFile;
    await attempt(() => {
      if (!fs.existsSync(file)) return;
      fs.accessSync(file, fs.constants.R_OK);
      const loose = othersMayWrite(fs.statSync(file).mode);
      if (loose !== null) throw new Error(`ingest.auth.api_keys_file ${file}: ${loose}`);
    });
  }
  // The embedded store's URL stands in when none is set: the client's files are read all the same.
  await attempt(() => createEsClient(config.elasticsearch, { url: config.elasticsearch.url ?? 'http://127.0.0.1:9200' }).close(), 'elasticsearch.auth');
  const c = config.console;
  if (c.auth.clientSecret !== null) await attempt(() => readSecret(c.auth.clientSecret as NonNullable<typeof c.auth.clientSecret>), 'console.auth.client_secret');
  if (c.sessionSecretFile !== null) {
    const file = c.sessionSecretFile;
    await attempt(() => {
      try {
        fs.accessSync(file, fs.constants.R_OK);
      } catch (err) {
        throw new Error(`console.session_secret_file ${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'read error'})`);
      }
    });
  }
  return problems;
}

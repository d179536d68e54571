import { Option, type Command } from 'commander';
import type { Client } from '@elastic/elasticsearch';
import type { Config, ElasticsearchAuthConfig, ElasticsearchConfig } from '../config';
import { createEsClient } from '../store';
import { CliError } from './cli-error';

/**
 * El Proxy's Elasticsearch connection flags (reference §6), shared by the commands that talk to
 * the store. They override `[elasticsearch]` of the configuration for one run:
 * `--es-url`, `--es-auth-method none|basicauth|apikey|pemcertificatepath`, `--es-user` with
 * `--es-password-file`, `--es-api-key-file`, `--es-client-cert`, `--es-client-key`,
 * `--es-ca-cert`, plus El Proxy's deprecated `--elasticsearch-*` spellings (hidden).
 * `prefix` gives a second set (`es-read`, `es-write` for acknowledge-range's separate credentials).
 */
export function addEsFlags(cmd: Command, prefix = 'es'): Command {
  const p = prefix;
  const who = p === 'es' ? 'Elasticsearch' : `Elasticsearch (${p.slice(3)} credentials)`;
  cmd
    .option(`--${p}-url <url>`, `${who} URL (default: elasticsearch.url, else the embedded store's port)`)
    .addOption(new Option(`--${p}-auth-method <method>`, `${who} authentication`).choices(['none', 'basicauth', 'apikey', 'pemcertificatepath']))
    .option(`--${p}-user <name>`, `${who} user for basicauth`)
    .option(`--${p}-password-file <file>`, `file holding the ${who} password for basicauth`)
    .option(`--${p}-api-key-file <file>`, `file holding the ${who} API key (base64 id:key) for apikey`)
    .option(`--${p}-client-cert <file>`, `client certificate (PEM) for pemcertificatepath`)
    .option(`--${p}-client-key <file>`, `client private key (PEM) for pemcertificatepath`)
    .option(`--${p}-ca-cert <file>`, `CA certificate (PEM) that signed the ${who} server certificate`);
  if (p === 'es') {
    // El Proxy's deprecated spellings: accepted, not advertised.
    cmd
      .addOption(new Option('--elasticsearch-authentication-method <method>').choices(['none', 'basicauth', 'apikey', 'pemcertificatepath']).hideHelp())
      .addOption(new Option('--elasticsearch-username <name>').hideHelp())
      .addOption(new Option('--elasticsearch-client-cert <file>').hideHelp())
      .addOption(new Option('--elasticsearch-client-private-key <file>').hideHelp())
      .addOption(new Option('--elasticsearch-ca-cert <file>').hideHelp());
  }
  return cmd;
}

interface EsFlags {
  url?: string;
  authMethod?: string;
  user?: string;
  passwordFile?: string;
  apiKeyFile?: string;
  clientCert?: string;
  clientKey?: string;
  caCert?: string;
}

function flagsOf(opts: Record<string, unknown>, prefix: string): EsFlags {
  const camel = prefix.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const get = (k: string): string | undefined => opts[camel + k] as string | undefined;
  const f: EsFlags = { url: get('Url'), authMethod: get('AuthMethod'), user: get('User'), passwordFile: get('PasswordFile'), apiKeyFile: get('ApiKeyFile'), clientCert: get('ClientCert'), clientKey: get('ClientKey'), caCert: get('CaCert') };
  if (prefix === 'es') {
    f.authMethod ??= opts.elasticsearchAuthenticationMethod as string | undefined;
    f.user ??= opts.elasticsearchUsername as string | undefined;
    f.clientCert ??= opts.elasticsearchClientCert as string | undefined;
    f.clientKey ??= opts.elasticsearchClientPrivateKey as string | undefined;
    f.caCert ??= opts.elasticsearchCaCert as string | undefined;
  }
  return f;
}

/**
 * The `[elasticsearch]` settings after applying the flags of `prefixes` (later ones win).
 * @throws CliError `ERR_CLI_USAGE` (with `exitCode`) for an incomplete auth method.
 */
export function esConfigFromFlags(config: Config, opts: Record<string, unknown>, prefixes: readonly string[] = ['es'], exitCode = 1): ElasticsearchConfig {
  let es: ElasticsearchConfig = config.elasticsearch;
  if (es.url === null && config.embeddedElasticsearch.port !== 0) es = { ...es, url: `http://127.0.0.1:${config.embeddedElasticsearch.port}` };
  for (const prefix of prefixes) {
    const f = flagsOf(opts, prefix);
    const flag = (k: string): string => `--${prefix}-${k}`;
    if (f.url !== undefined) es = { ...es, url: f.url.replace(/\/+$/, '') };
    if (f.caCert !== undefined) es = { ...es, caCertificatePath: f.caCert };
    let auth: ElasticsearchAuthConfig | undefined;
    const usage = (m: string): CliError => new CliError('ERR_CLI_USAGE', m, { exitCode });
    switch (f.authMethod) {
      case undefined:
        break;
      case 'none':
        auth = { type: 'None' };
        break;
      case 'basicauth':
        if (f.user === undefined || f.passwordFile === undefined) throw usage(`${flag('auth-method')} basicauth needs ${flag('user')} and ${flag('password-file')}`);
        auth = { type: 'BasicAuth', username: f.user, password: { kind: 'file', path: f.passwordFile } };
        break;
      case 'apikey':
        if (f.apiKeyFile === undefined) throw usage(`${flag('auth-method')} apikey needs ${flag('api-key-file')}`);
        auth = { type: 'ApiKey', apiKey: { kind: 'file', path: f.apiKeyFile } };
        break;
      case 'pemcertificatepath':
        if (f.clientCert === undefined || f.clientKey === undefined) throw usage(`${flag('auth-method')} pemcertificatepath needs ${flag('client-cert')} and ${flag('client-key')}`);
        auth = { type: 'PemCertificatePath', certificatePath: f.clientCert, privateKeyPath: f.clientKey };
        break;
      default:
        throw usage(`${flag('auth-method')} must be none, basicauth, apikey or pemcertificatepath`);
    }
    if (auth !== undefined) es = { ...es, auth };
  }
  return es;
}

/**
 * The official client for the settings of {@link esConfigFromFlags}.
 * @throws CliError `ERR_CLI_INPUT` (with `exitCode`) when a certificate, key or secret file cannot be read or no URL is known.
 */
export function esClientFromFlags(config: Config, opts: Record<string, unknown>, prefixes: readonly string[] = ['es'], exitCode = 1): Client {
  const es = esConfigFromFlags(config, opts, prefixes, exitCode);
  try {
    return createEsClient(es);
  } catch (err) {
    throw new CliError('ERR_CLI_INPUT', (err as Error).message, { exitCode, cause: err });
  }
}

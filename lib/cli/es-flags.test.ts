import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { Config } from '../config';
import { CliError } from './cli-error';
import { addEsFlags, esConfigFromFlags } from './es-flags';

const config = {
  elasticsearch: { url: null, timeoutSecs: 30, caCertificatePath: null, auth: { type: 'None' } },
  embeddedElasticsearch: { dataDir: '/d', port: 9200, maxContentLength: 1, process: 'inline' },
} as unknown as Config;

function parse(args: string[], prefixes = ['es']): Command {
  const cmd = new Command('x').exitOverride();
  addEsFlags(cmd);
  for (const p of prefixes.filter((p) => p !== 'es')) addEsFlags(cmd, p);
  return cmd.parse(args, { from: 'user' });
}

describe('El Proxy ES flags', () => {
  it('default to the configuration, or the embedded store\'s port when no URL is configured', () => {
    expect(esConfigFromFlags(config, parse([]).opts())).toMatchObject({ url: 'http://127.0.0.1:9200', auth: { type: 'None' } });
  });

  it('override URL, CA and auth (El Proxy spellings and the deprecated ones)', () => {
    const o = parse(['--es-url', 'https://es:9200/', '--es-auth-method', 'pemcertificatepath', '--es-client-cert', 'c.pem', '--es-client-key', 'k.pem', '--es-ca-cert', 'ca.pem']).opts();
    expect(esConfigFromFlags(config, o)).toMatchObject({ url: 'https://es:9200', caCertificatePath: 'ca.pem', auth: { type: 'PemCertificatePath', certificatePath: 'c.pem', privateKeyPath: 'k.pem' } });
    const old = parse(['--elasticsearch-authentication-method', 'basicauth', '--elasticsearch-username', 'u', '--es-password-file', 'p']).opts();
    expect(esConfigFromFlags(config, old)).toMatchObject({ auth: { type: 'BasicAuth', username: 'u', password: { kind: 'file', path: 'p' } } });
  });

  it('lets read/write credentials override the common ones (acknowledge-range)', () => {
    const o = parse(['--es-url', 'http://a:1', '--es-write-url', 'http://b:2', '--es-write-auth-method', 'apikey', '--es-write-api-key-file', 'key'], ['es', 'es-read', 'es-write']).opts();
    expect(esConfigFromFlags(config, o, ['es', 'es-read'])).toMatchObject({ url: 'http://a:1', auth: { type: 'None' } });
    expect(esConfigFromFlags(config, o, ['es', 'es-write'])).toMatchObject({ url: 'http://b:2', auth: { type: 'ApiKey', apiKey: { kind: 'file', path: 'key' } } });
  });

  it('refuses an incomplete auth method with the command\'s exit code', () => {
    let err: unknown;
    try {
      esConfigFromFlags(config, parse(['--es-auth-method', 'pemcertificatepath', '--es-client-cert', 'c']).opts(), ['es'], 3);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(3);
    expect((err as CliError).message).toBe('--es-auth-method pemcertificatepath needs --es-client-cert and --es-client-key');
  });
});

import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { describe, expect, it } from 'vitest';
import { expectConfigError, tempConfigDir } from './__fixtures__/temp-config-dir';
import { loadConfig } from './load-config';
import { publicConfig } from './public-config';
import { readSecret } from './read-secret';
import { redactConfig } from './redact-config';

const ES_PASSWORD = 'es-pass-7f3a9c';
const INGEST_PASSWORD = 'ingest-pass-0b41d2';

function loadWithSecrets() {
  const { baseDir, configDir } = tempConfigDir({
    'elastic_blockchain_proxy.toml': [
      '[elasticsearch]',
      'url = "https://es.example.org:9200"',
      'ca_certificate_path = "certs/es-ca.pem"',
      '[elasticsearch.auth]',
      'type = "BasicAuth"',
      'username = "signet"',
      `password = "${ES_PASSWORD}"`,
      '[ingest.auth]',
      'type = "BasicAuth"',
      'username = "logstash"',
      `password = "${INGEST_PASSWORD}"`,
    ].join('\n'),
  });
  return { config: loadConfig({ configDir, baseDir, env: {} }), baseDir };
}

describe('secrets', () => {
  it('redactConfig replaces every secret and keeps the rest printable', () => {
    const { config } = loadWithSecrets();
    const redacted = redactConfig(config);
    const text = JSON.stringify(redacted);
    expect(text).not.toContain(ES_PASSWORD);
    expect(text).not.toContain(INGEST_PASSWORD);
    expect(redacted.elasticsearch.auth).toEqual({ type: 'BasicAuth', username: 'signet', password: { kind: 'inline', value: '[redacted]' } });
    expect(redacted.ingest.auth).toMatchObject({ password: { kind: 'inline', value: '[redacted]' } });
    expect(redacted.elasticsearch.url).toBe('https://es.example.org:9200');
    expect(redacted.messageQueueSize).toBe(20_000);
  });

  it('a secret does not leak through JSON, inspect or string conversion of the config itself', () => {
    const { config } = loadWithSecrets();
    for (const text of [JSON.stringify(config), util.inspect(config, { depth: Infinity }), `${String(config.elasticsearch.auth.type)} ${JSON.stringify(config.ingest)}`]) {
      expect(text).not.toContain(ES_PASSWORD);
      expect(text).not.toContain(INGEST_PASSWORD);
    }
    const auth = config.elasticsearch.auth;
    if (auth.type !== 'BasicAuth' || auth.password.kind !== 'inline') throw new Error('unexpected auth');
    expect(`${auth.password.value}`).toBe('[redacted]');
    expect(auth.password.value.reveal()).toBe(ES_PASSWORD);
  });

  it('a mistyped secret is reported without its value', () => {
    const { baseDir, configDir } = tempConfigDir({ 'elastic_blockchain_proxy.toml': '[elasticsearch.auth]\npassword = 918273645\n' });
    const { error } = expectConfigError(() => loadConfig({ configDir, baseDir, env: {} }));
    expect(error.message).toContain('elasticsearch.auth.password: expected a string (value not shown)');
    expect(error.message).not.toContain('918273645');
  });

  it('refuses credentials embedded in the Elasticsearch URL, without echoing them', () => {
    const { baseDir, configDir } = tempConfigDir();
    const { error } = expectConfigError(() => loadConfig({ configDir, baseDir, env: { SIGNET_ELASTICSEARCH__URL: 'https://elastic:hunter2@es:9200' } }));
    expect(error.problems).toEqual([{ source: 'SIGNET_ELASTICSEARCH__URL', key: 'elasticsearch.url', message: 'must not contain credentials (user:password@); configure them separately' }]);
    expect(error.message).not.toContain('hunter2');
  });

  it('readSecret reads a password file, dropping the trailing line break', () => {
    const { baseDir, configDir } = tempConfigDir();
    fs.writeFileSync(path.join(baseDir, 'es_password'), 'from-file\n', { mode: 0o600 });
    const config = loadConfig({
      configDir,
      baseDir,
      env: { SIGNET_ELASTICSEARCH__URL: 'https://es:9200', SIGNET_ELASTICSEARCH__AUTH__TYPE: 'BasicAuth', SIGNET_ELASTICSEARCH__AUTH__USERNAME: 'u', SIGNET_ELASTICSEARCH__AUTH__PASSWORD_FILE: 'es_password' },
    });
    const auth = config.elasticsearch.auth;
    if (auth.type !== 'BasicAuth') throw new Error('unexpected auth');
    expect(auth.password).toEqual({ kind: 'file', path: path.join(baseDir, 'es_password') });
    expect(readSecret(auth.password).reveal()).toBe('from-file');
    expectConfigError(() => readSecret({ kind: 'file', path: path.join(baseDir, 'missing') }), 'ERR_CONFIG_IO');
  });

  it('readSecret refuses a secret file its group or every user may write (they could set the credential), and takes 0640', () => {
    const { baseDir } = tempConfigDir();
    const file = path.join(baseDir, 'ingest_password');
    fs.writeFileSync(file, 'pw\n');
    for (const [mode, who] of [[0o666, 'every user'], [0o620, 'its group']] as const) {
      fs.chmodSync(file, mode);
      expect(() => readSecret({ kind: 'file', path: file })).toThrow(`secret file is writable by ${who} (mode 0${mode.toString(8)}); chmod go-w it`);
    }
    fs.chmodSync(file, 0o640);
    expect(readSecret({ kind: 'file', path: file }).reveal()).toBe('pw');
  });
});

describe('publicConfig', () => {
  it('exposes only whitelisted, non-sensitive values', () => {
    const { config, baseDir } = loadWithSecrets();
    const pub = publicConfig(config);
    const text = JSON.stringify(pub);
    for (const forbidden of [ES_PASSWORD, INGEST_PASSWORD, baseDir, 'es.example.org', 'signet"', 'logstash', '[redacted]']) {
      expect(text).not.toContain(forbidden);
    }
    expect(pub).toEqual({
      module: 'elproxysigned',
      messageQueueSize: 20_000,
      failureMaxRetries: 5,
      failureSleepMsBetweenRetries: 500,
      webServer: { publicUrl: 'http://localhost:3000', maxBodyBytes: 104_857_600, tls: false, clientAuth: 'none' },
      ingest: { authType: 'BasicAuth' },
      elasticsearch: { mode: 'external' },
      fields: { includeFields: [...config.fields.includeFields] },
      retention: {
        default: '2_years',
        policies: [
          { name: 'one_week', days: 7 },
          { name: '3_months', days: 90 },
          { name: '6_months', days: 180 },
          { name: '1_year', days: 365 },
          { name: '2_years', days: 730 },
          { name: 'infinite', days: null },
        ],
      },
    });
  });

  it('returns a mutable copy that does not alias the frozen config', () => {
    const { config } = loadWithSecrets();
    const pub = publicConfig(config);
    expect(pub.fields.includeFields).not.toBe(config.fields.includeFields);
  });
});

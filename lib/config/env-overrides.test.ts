import { describe, expect, it } from 'vitest';
import { expectConfigError, tempConfigDir } from './__fixtures__/temp-config-dir';
import { loadConfig } from './load-config';
import type { Env } from './env-overrides';

function load(env: Env, files: Record<string, string> = {}) {
  const { baseDir, configDir } = tempConfigDir(files);
  return loadConfig({ configDir, baseDir, env });
}

describe('SIGNET_* environment overrides', () => {
  it('sets numbers, strings and nested keys, above the files', () => {
    const config = load(
      {
        SIGNET_MESSAGE_QUEUE_SIZE: '100',
        SIGNET_ELASTICSEARCH__URL: 'http://127.0.0.1:9200',
        SIGNET_ELASTICSEARCH__TIMEOUT_SECS: '5',
        SIGNET_WEB_SERVER__TLS__TYPE: 'None',
        SIGNET_LOGGER__LEVEL: '"warn,elastic_blockchain_proxy=debug"',
      },
      {
        'elastic_blockchain_proxy.toml': 'message_queue_size = 1\n[web_server.tls]\ntype = "PemCertificatePath"\ncertificate_path = "c"\nprivate_key_path = "k"\n',
        'elastic_blockchain_proxy.d/10.toml': 'message_queue_size = 2\n',
      },
    );
    expect(config.messageQueueSize).toBe(100);
    expect(config.elasticsearch.url).toBe('http://127.0.0.1:9200');
    expect(config.elasticsearch.timeoutSecs).toBe(5);
    expect(config.webServer.tls).toEqual({ type: 'None' });
    expect(config.logger).toEqual({ level: 'warn,elastic_blockchain_proxy=debug', defaultLevel: 'warn', targets: { elastic_blockchain_proxy: 'debug' } });
  });

  it('matches key names case-insensitively', () => {
    expect(load({ signet_message_queue_size: '7' }).messageQueueSize).toBe(7);
    expect(load({ SIGNET_Web_Server__Address: '0.0.0.0:80' }).webServer.port).toBe(80);
  });

  it('keeps the raw text for string-only keys, so numeric passwords stay strings', () => {
    const config = load({
      SIGNET_ELASTICSEARCH__URL: 'https://es:9200',
      SIGNET_ELASTICSEARCH__AUTH__TYPE: 'BasicAuth',
      SIGNET_ELASTICSEARCH__AUTH__USERNAME: '1234',
      SIGNET_ELASTICSEARCH__AUTH__PASSWORD: '12345',
    });
    const auth = config.elasticsearch.auth;
    expect(auth.type).toBe('BasicAuth');
    if (auth.type !== 'BasicAuth' || auth.password.kind !== 'inline') throw new Error('unexpected auth');
    expect(auth.username).toBe('1234');
    expect(auth.password.value.reveal()).toBe('12345');
  });

  it('unquotes a quoted TOML string and keeps unquoted text as is', () => {
    expect(load({ SIGNET_MODULE: '"custommodule"' }).module).toBe('custommodule');
    expect(load({ SIGNET_MODULE: 'other.module' }).module).toBe('other.module');
  });

  it('passes a non-number to a number key through to validation, charged to the variable', () => {
    const { problems } = expectConfigError(() => load({ SIGNET_MESSAGE_QUEUE_SIZE: 'abc' }));
    expect(problems).toEqual([{ source: 'SIGNET_MESSAGE_QUEUE_SIZE', key: 'message_queue_size', message: 'expected an integer between 1 and 10000000, got "abc"' }]);
  });

  it('does not let a value smuggle in other keys', () => {
    const { problems } = expectConfigError(() => load({ SIGNET_MESSAGE_QUEUE_SIZE: '5\nfailure_max_retries = 9' }));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.key).toBe('message_queue_size');
  });

  it('resets a key to its default with an empty value', () => {
    const config = load({ SIGNET_ELASTICSEARCH__URL: '', SIGNET_MESSAGE_QUEUE_SIZE: '' }, { 'elastic_blockchain_proxy.toml': 'message_queue_size = 3\n[elasticsearch]\nurl = "https://es:9200"\n' });
    expect(config.elasticsearch.url).toBeNull();
    expect(config.messageQueueSize).toBe(20_000);
  });

  it('reports an unknown variable by name, with a suggestion', () => {
    const { problems } = expectConfigError(() => load({ SIGNET_MESAGE_QUEUE_SIZE: '1', SIGNET_NOTHING_LIKE_IT: 'x' }));
    expect(problems).toEqual([
      { source: 'SIGNET_MESAGE_QUEUE_SIZE', key: 'mesage_queue_size', message: 'unknown setting (did you mean SIGNET_MESSAGE_QUEUE_SIZE?)' },
      { source: 'SIGNET_NOTHING_LIKE_IT', key: 'nothing_like_it', message: 'unknown setting' },
    ]);
  });

  it('reports a variable naming a section, or going below a key', () => {
    const { problems } = expectConfigError(() => load({ SIGNET_WEB_SERVER: 'x', SIGNET_MODULE__NAME: 'y' }));
    expect(problems.map((p) => [p.source, p.message])).toEqual([
      ['SIGNET_MODULE__NAME', 'unknown setting: module is not a section'],
      ['SIGNET_WEB_SERVER', 'names a section, not a key; set its keys as SIGNET_WEB_SERVER__<KEY>'],
    ]);
  });

  it('reports two variables for the same key', () => {
    const { problems } = expectConfigError(() => load({ SIGNET_MODULE: 'a', signet_module: 'b' }));
    expect(problems).toEqual([{ source: 'signet_module', key: 'module', message: 'also set by SIGNET_MODULE; set it once' }]);
  });

  it('ignores the non-config allow-list and variables without the prefix', () => {
    expect(load({ SIGNET_CONFIG_DIR: '/elsewhere', HOME: '/root', SIGNETX: '1' }).messageQueueSize).toBe(20_000);
  });
});

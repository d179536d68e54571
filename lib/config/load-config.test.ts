import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectConfigError, tempConfigDir } from './__fixtures__/temp-config-dir';
import { loadConfig } from './load-config';

const MAIN = 'elastic_blockchain_proxy.toml';

describe('loadConfig: files and defaults', () => {
  it('uses every default when the directory has no files', () => {
    const { baseDir, configDir } = tempConfigDir();
    const config = loadConfig({ configDir, baseDir, env: {} });
    expect(config.messageQueueSize).toBe(20_000);
    expect(config.failureMaxRetries).toBe(5);
    expect(config.failureSleepMsBetweenRetries).toBe(500);
    expect(config.module).toBe('elproxysigned');
    expect(config.dataDir).toBe(path.join(baseDir, 'data', 'keys'));
    expect(config.outboxDir).toBe(path.join(baseDir, 'data', 'outbox'));
    expect(config.keySaveIntervalMs).toBe(0);
    expect(config.maxBlockchains).toBe(1000);
    expect(config.logger).toEqual({ level: 'info', defaultLevel: 'info', targets: {} });
    expect(config.webServer).toEqual({
      address: '127.0.0.1:3000',
      host: '127.0.0.1',
      port: 3000,
      publicUrl: 'http://localhost:3000',
      maxBodyBytes: 100 * 1024 * 1024,
      maxInflightBytes: 512 * 1024 * 1024,
      ingestDirect: true,
      ingestWorkers: 1,
      shutdownGraceMs: 30_000,
      tls: { type: 'None' },
    });
    expect(config.ingest.auth).toEqual({ type: 'None' });
    expect(config.elasticsearch).toEqual({ url: null, timeoutSecs: 30, caCertificatePath: null, auth: { type: 'None' } });
    expect(config.embeddedElasticsearch).toEqual({ dataDir: path.join(baseDir, 'data', 'elasticsearch'), port: 9200, maxContentLength: 104_857_600, process: 'child' });
    expect(config.fields.includeFields).toContain('host.name');
    expect(config.retention.default).toBe('2_years');
    expect(config.configDir).toBe(configDir);
  });

  it('applies .d overrides over the main file, in file-name byte order, merging tables key by key', () => {
    const { baseDir, configDir } = tempConfigDir({
      [MAIN]: 'message_queue_size = 1\nfailure_max_retries = 1\n[web_server]\naddress = "0.0.0.0:8080"\npublic_url = "https://signet.example.org/"\n',
      'elastic_blockchain_proxy.d/20-b.conf': 'message_queue_size = 20\nfailure_max_retries = 20\n',
      'elastic_blockchain_proxy.d/10-a.toml': 'message_queue_size = 10\nweb_server.address = "[::1]:9000"\n',
      // "9" sorts after "2" in byte order: applied last.
      'elastic_blockchain_proxy.d/9-c.toml': 'message_queue_size = 9\n',
    });
    const config = loadConfig({ configDir, baseDir, env: {} });
    expect(config.messageQueueSize).toBe(9);
    expect(config.failureMaxRetries).toBe(20);
    expect(config.webServer.address).toBe('[::1]:9000');
    expect(config.webServer.host).toBe('::1');
    expect(config.webServer.port).toBe(9000);
    // Untouched sibling of the overridden key survives the merge (and loses its trailing slash).
    expect(config.webServer.publicUrl).toBe('https://signet.example.org');
  });

  it('ignores README, hidden files, editor backups and other extensions in .d', () => {
    const { baseDir, configDir } = tempConfigDir({
      'elastic_blockchain_proxy.d/README': 'this is not TOML at all = = =',
      'elastic_blockchain_proxy.d/.hidden.toml': 'message_queue_size = 1',
      'elastic_blockchain_proxy.d/old.toml~': 'message_queue_size = 2',
      'elastic_blockchain_proxy.d/site.toml.disabled': 'message_queue_size = 3',
      'elastic_blockchain_proxy.d/notes.md': 'bogus_key = 1',
      'elastic_blockchain_proxy.d/sub.toml/inner.toml': 'message_queue_size = 4',
    });
    expect(loadConfig({ configDir, baseDir, env: {} }).messageQueueSize).toBe(20_000);
  });

  it('resolves relative paths against baseDir and keeps absolute ones', () => {
    const { baseDir, configDir } = tempConfigDir({
      [MAIN]: 'data_dir = "var/keys"\ndlq_dir = "/srv/signet/dlq"\n[web_server.tls]\ntype = "PemCertificatePath"\ncertificate_path = "certs/a.pem"\nprivate_key_path = "../outside/a.key"\n',
    });
    const config = loadConfig({ configDir, baseDir, env: {} });
    expect(config.dataDir).toBe(path.join(baseDir, 'var', 'keys'));
    expect(config.dlqDir).toBe('/srv/signet/dlq');
    expect(config.webServer.tls).toEqual({
      type: 'PemCertificatePath',
      certificatePath: path.join(baseDir, 'certs', 'a.pem'),
      privateKeyPath: path.resolve(baseDir, '..', 'outside', 'a.key'),
      clientCaPath: null,
      clientAuth: 'none',
    });
  });

  it('resolves a relative configDir against baseDir', () => {
    const { baseDir } = tempConfigDir({ [MAIN]: 'message_queue_size = 7' });
    expect(loadConfig({ configDir: 'config', baseDir, env: {} }).messageQueueSize).toBe(7);
  });

  it('finds the directory through SIGNET_CONFIG_DIR when configDir is not given', () => {
    const { baseDir, configDir } = tempConfigDir({ [MAIN]: 'message_queue_size = 8' });
    const elsewhere = tempConfigDir().baseDir;
    expect(loadConfig({ baseDir: elsewhere, env: { SIGNET_CONFIG_DIR: configDir } }).messageQueueSize).toBe(8);
    expect(loadConfig({ baseDir, env: {} }).messageQueueSize).toBe(8); // ./config under baseDir
  });

  it('returns a deep-frozen config', () => {
    const { baseDir, configDir } = tempConfigDir();
    const config = loadConfig({ configDir, baseDir, env: {} });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.webServer.tls)).toBe(true);
    expect(Object.isFrozen(config.fields.includeFields)).toBe(true);
    expect(Object.isFrozen(config.retention.policies['2_years'])).toBe(true);
    expect(() => {
      (config as { messageQueueSize: number }).messageQueueSize = 1;
    }).toThrow(TypeError);
    expect(() => (config.fields.includeFields as string[]).push('x')).toThrow(TypeError);
  });
});

describe('loadConfig: problems', () => {
  it('lists every problem at once, each with its source (files, drop-ins, env)', () => {
    const { baseDir, configDir } = tempConfigDir({
      [MAIN]: 'message_queue_size = "abc"\nmesage_queue_size = 3\n',
      // client_auth is invalid too: the certificate rule must still run next to a failing sibling.
      'elastic_blockchain_proxy.d/10-tls.toml': 'web_server.tls.type = "PemCertificatePath"\nweb_server.tls.private_key_path = "k.pem"\nweb_server.tls.client_auth = "sometimes"\n',
      'elastic_blockchain_proxy.d/20-log.toml': 'logger.level = "loud"\n',
      'elastic_blockchain_proxy_fields.toml': 'include_fields = ["host.name", "host..ip", "host.name"]\n',
      'retention_policies.toml': 'default = "forever"\n[retentions]\n"Six-Months" = 180\n',
    });
    const env = { SIGNET_FAILURE_MAX_RETRIES: '-1', SIGNET_ELASTICSEARCH__URLL: 'http://x', PATH: '/usr/bin' };
    const { error, problems } = expectConfigError(() => loadConfig({ configDir, baseDir, env }));
    const summary = problems.map((p) => `${p.source} | ${p.key}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        'config/elastic_blockchain_proxy.toml | message_queue_size',
        'config/elastic_blockchain_proxy.toml | mesage_queue_size',
        'config/elastic_blockchain_proxy.d/10-tls.toml | web_server.tls.certificate_path',
        'config/elastic_blockchain_proxy.d/10-tls.toml | web_server.tls.client_auth',
        'config/elastic_blockchain_proxy.d/20-log.toml | logger.level',
        'config/elastic_blockchain_proxy_fields.toml | include_fields[1]',
        'config/elastic_blockchain_proxy_fields.toml | include_fields[2]',
        'config/retention_policies.toml | retentions.Six-Months',
        'config/retention_policies.toml | default',
        'SIGNET_FAILURE_MAX_RETRIES | failure_max_retries',
        'SIGNET_ELASTICSEARCH__URLL | elasticsearch.urll',
      ]),
    );
    expect(problems).toHaveLength(11);
    // The message carries every problem, one per line, in the documented form.
    expect(error.message).toContain('config/elastic_blockchain_proxy.toml: message_queue_size: expected an integer between 1 and 10000000, got "abc"');
    expect(error.message).toContain('mesage_queue_size: unknown key (did you mean "message_queue_size"?)');
    expect(error.message).toContain('SIGNET_ELASTICSEARCH__URLL: elasticsearch.urll: unknown setting (did you mean SIGNET_ELASTICSEARCH__URL?)');
    expect(error.message.split('\n')).toHaveLength(12);
  });

  it('charges a value to the last source that set it', () => {
    const { baseDir, configDir } = tempConfigDir({
      [MAIN]: 'message_queue_size = 0\n',
      'elastic_blockchain_proxy.d/10-fix.toml': 'message_queue_size = -5\n',
    });
    const { problems } = expectConfigError(() => loadConfig({ configDir, baseDir, env: {} }));
    expect(problems).toEqual([{ source: 'config/elastic_blockchain_proxy.d/10-fix.toml', key: 'message_queue_size', message: 'expected an integer between 1 and 10000000, got -5' }]);
  });

  it('charges a cross-field rule to the source of the key that triggers it', () => {
    const { baseDir, configDir } = tempConfigDir({
      [MAIN]: '[elasticsearch]\nurl = "https://es:9200"\n[elasticsearch.auth]\nusername = "signet"\n',
    });
    const { problems } = expectConfigError(() => loadConfig({ configDir, baseDir, env: { SIGNET_ELASTICSEARCH__AUTH__TYPE: 'BasicAuth' } }));
    expect(problems).toEqual([
      { source: 'SIGNET_ELASTICSEARCH__AUTH__TYPE', key: 'elasticsearch.auth.password_file', message: 'is required when type = "BasicAuth" (or set password inline)' },
    ]);
  });

  it('charges a missing key to the file that set the deciding key, not the last one to touch the table', () => {
    const { baseDir, configDir } = tempConfigDir({
      [MAIN]: '[web_server.tls]\ntype = "PemCertificatePath"\nprivate_key_path = "k.pem"\n',
      'elastic_blockchain_proxy.d/10-unrelated.toml': 'web_server.tls.client_auth = "none"\n',
    });
    const { problems } = expectConfigError(() => loadConfig({ configDir, baseDir, env: {} }));
    expect(problems).toEqual([
      { source: 'config/elastic_blockchain_proxy.toml', key: 'web_server.tls.certificate_path', message: 'is required when type = "PemCertificatePath"' },
    ]);
  });

  it('reports TOML syntax errors with file, line and column and still validates the other files', () => {
    const { baseDir, configDir } = tempConfigDir({
      [MAIN]: 'message_queue_size = 10\n[logger]\nlevel = debug\n',
      'elastic_blockchain_proxy.d/10-x.toml': 'failure_max_retries = "many"\n',
      'retention_policies.toml': '[retentions\n',
    });
    const { error, problems } = expectConfigError(() => loadConfig({ configDir, baseDir, env: {} }));
    expect(problems).toContainEqual({
      source: 'config/elastic_blockchain_proxy.toml',
      key: '',
      line: 3,
      column: 9,
      message: 'TOML syntax error: invalid value (strings must be quoted, e.g. level = "debug")',
    });
    expect(error.message).toContain('config/elastic_blockchain_proxy.toml:3:9: TOML syntax error');
    expect(problems.some((p) => p.source === 'config/retention_policies.toml' && p.line === 1)).toBe(true);
    expect(problems.some((p) => p.key === 'failure_max_retries')).toBe(true);
  });

  it('refuses prototype keys instead of merging them (hostile input)', () => {
    const { baseDir, configDir } = tempConfigDir({ 'elastic_blockchain_proxy.d/10-evil.toml': '[__proto__]\npolluted = true\n' });
    const { problems } = expectConfigError(() => loadConfig({ configDir, baseDir, env: {} }));
    expect(problems).toEqual([
      { source: 'config/elastic_blockchain_proxy.d/10-evil.toml', key: '', line: 1, column: 2, message: 'TOML syntax error: document contains an unsafe property' },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never puts file content into a syntax error', () => {
    const { baseDir, configDir } = tempConfigDir({ [MAIN]: '[elasticsearch.auth]\npassword = s3cr3t-value\n' });
    const { error } = expectConfigError(() => loadConfig({ configDir, baseDir, env: {} }));
    expect(error.message).not.toContain('s3cr3t');
  });

  it('rejects a value of the wrong kind for a whole section', () => {
    const { baseDir, configDir } = tempConfigDir({ [MAIN]: 'web_server = 5\nlogger = "debug"\n' });
    const { problems } = expectConfigError(() => loadConfig({ configDir, baseDir, env: {} }));
    expect(problems.map((p) => [p.key, p.message])).toEqual([
      ['logger', 'expected a table, got "debug"'],
      ['web_server', 'expected a table, got 5'],
    ]);
  });

  it('fails with ERR_CONFIG_IO when the configuration directory does not exist', () => {
    const { baseDir } = tempConfigDir();
    const { problems } = expectConfigError(() => loadConfig({ configDir: 'nope', baseDir, env: {} }), 'ERR_CONFIG_IO');
    expect(problems[0]?.source).toBe('nope');
    expect(problems[0]?.message).toMatch(/does not exist/);
  });

  it('fails with ERR_CONFIG_IO when a configuration file cannot be read', () => {
    const { baseDir, configDir } = tempConfigDir();
    fs.mkdirSync(path.join(configDir, MAIN)); // a directory where the file should be: EISDIR
    const { problems } = expectConfigError(() => loadConfig({ configDir, baseDir, env: {} }), 'ERR_CONFIG_IO');
    expect(problems).toEqual([{ source: 'config/elastic_blockchain_proxy.toml', key: '', message: 'cannot read: EISDIR (is a directory)', io: true }]);
  });

  it('refuses key and backup directories, or DLQ and recovered directories, that overlap', () => {
    const { baseDir, configDir } = tempConfigDir({ [MAIN]: 'data_backup_dir = "./data/keys"\ndlq_recovered_dir = "./data/dlq/recovered"\n' });
    const { problems } = expectConfigError(() => loadConfig({ configDir, baseDir, env: {} }));
    expect(problems.map((p) => [p.key, p.message.split(' (')[0]])).toEqual([
      ['data_backup_dir', 'must differ from data_dir'],
      ['dlq_recovered_dir', 'must not be nested with dlq_dir'],
    ]);
  });
});

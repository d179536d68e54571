import { describe, expect, it } from 'vitest';
import { expectConfigError, tempConfigDir } from './__fixtures__/temp-config-dir';
import { loadConfig } from './load-config';
import { parseListenAddress } from './parse-listen-address';
import { parseLogFilter } from './sections/logger';

function load(main: string) {
  const { baseDir, configDir } = tempConfigDir({ 'elastic_blockchain_proxy.toml': main });
  return loadConfig({ configDir, baseDir, env: {} });
}

function problemsOf(main: string): string[] {
  return expectConfigError(() => load(main)).problems.map((p) => `${p.key}: ${p.message}`);
}

describe('web_server.address', () => {
  it.each([
    ['127.0.0.1:3000', '127.0.0.1', 3000],
    ['0.0.0.0:0', '0.0.0.0', 0],
    ['localhost:65535', 'localhost', 65535],
    ['signet.example.org:443', 'signet.example.org', 443],
    ['[::1]:3000', '::1', 3000],
    ['[::]:80', '::', 80],
  ])('accepts %s', (address, host, port) => {
    expect(parseListenAddress(address)).toEqual({ ok: true, host, port });
  });

  it.each(['127.0.0.1', '::1:3000', '[::1]3000', '[nothost]:1', 'host:65536', 'host:-1', 'host:', ':3000', 'bad_host:1', 'a b:1'])('rejects %s', (address) => {
    expect(parseListenAddress(address).ok).toBe(false);
  });
});

describe('logger.level', () => {
  it('parses El Proxy filters', () => {
    expect(parseLogFilter('warn,elastic_blockchain_proxy=debug')).toEqual({
      ok: true,
      normalized: 'warn,elastic_blockchain_proxy=debug',
      defaultLevel: 'warn',
      targets: { elastic_blockchain_proxy: 'debug' },
    });
    expect(parseLogFilter('DEBUG')).toMatchObject({ ok: true, defaultLevel: 'debug' });
    expect(parseLogFilter('store = trace')).toMatchObject({ ok: true, normalized: 'store=trace', defaultLevel: 'info' });
  });

  it.each(['verbose', 'info,', 'info,warn', 'x=loud', 'a=info,a=warn', '=info', 'bad target=info'])('rejects %j', (level) => {
    expect(parseLogFilter(level).ok).toBe(false);
  });
});

describe('web_server', () => {
  it('validates public_url and max_body_bytes', () => {
    expect(problemsOf('[web_server]\npublic_url = "ftp://x"\nmax_body_bytes = 0\n')).toEqual([
      'web_server.public_url: expected an http:// or https:// URL, got "ftp://x"',
      'web_server.max_body_bytes: expected an integer between 1 and 2147483647, got 0',
    ]);
  });

  it('requires certificate and key with PemCertificatePath', () => {
    expect(problemsOf('[web_server.tls]\ntype = "PemCertificatePath"\n')).toEqual([
      'web_server.tls.certificate_path: is required when type = "PemCertificatePath"',
      'web_server.tls.private_key_path: is required when type = "PemCertificatePath"',
    ]);
  });

  it('rejects El Proxy enum values in the wrong case, naming the allowed ones', () => {
    expect(problemsOf('[web_server.tls]\ntype = "none"\n')).toEqual(['web_server.tls.type: expected one of "None", "PemCertificatePath", got "none"']);
  });

  it('configures client certificates only on top of TLS and with a CA', () => {
    expect(problemsOf('[web_server.tls]\nclient_auth = "required"\n')).toEqual([
      'web_server.tls.client_auth: client certificates need type = "PemCertificatePath"',
      'web_server.tls.client_ca_path: is required when client_auth = "required"',
    ]);
    expect(problemsOf('[web_server.tls]\nclient_ca_path = "ca.pem"\n')).toEqual([
      'web_server.tls.client_auth: client_ca_path is set but client_auth = "none"; set "optional" or "required"',
    ]);
    const tls = load('[web_server.tls]\ntype = "PemCertificatePath"\ncertificate_path = "c"\nprivate_key_path = "k"\nclient_auth = "optional"\nclient_ca_path = "ca"\n').webServer.tls;
    expect(tls).toMatchObject({ type: 'PemCertificatePath', clientAuth: 'optional' });
  });
});

describe('ingest.auth', () => {
  it('BasicAuth needs a username and exactly one password source', () => {
    expect(problemsOf('[ingest.auth]\ntype = "BasicAuth"\n')).toEqual([
      'ingest.auth.username: is required when type = "BasicAuth"',
      'ingest.auth.password_file: is required when type = "BasicAuth" (or set password inline)',
    ]);
    expect(problemsOf('[ingest.auth]\ntype = "BasicAuth"\nusername = "u"\npassword = "p"\npassword_file = "f"\n')).toEqual([
      'ingest.auth.password: set either password or password_file, not both',
    ]);
  });

  it('ApiKey needs the keys file', () => {
    expect(problemsOf('[ingest.auth]\ntype = "ApiKey"\n')).toEqual(['ingest.auth.api_keys_file: is required when type = "ApiKey"']);
    expect(load('[ingest.auth]\ntype = "ApiKey"\napi_keys_file = "/etc/signet/keys"\n').ingest.auth).toEqual({ type: 'ApiKey', apiKeysFile: '/etc/signet/keys' });
  });
});

describe('elasticsearch', () => {
  it('accepts each auth type with its keys', () => {
    const base = '[elasticsearch]\nurl = "https://es:9200/"\n[elasticsearch.auth]\n';
    expect(load(`${base}type = "ApiKey"\napi_key_file = "/k"\n`).elasticsearch).toEqual({
      url: 'https://es:9200',
      timeoutSecs: 30,
      caCertificatePath: null,
      auth: { type: 'ApiKey', apiKey: { kind: 'file', path: '/k' } },
    });
    expect(load(`${base}type = "PemCertificatePath"\ncertificate_path = "/c"\nprivate_key_path = "/k"\n`).elasticsearch.auth).toEqual({
      type: 'PemCertificatePath',
      certificatePath: '/c',
      privateKeyPath: '/k',
    });
  });

  it('refuses credentials or a CA without a url (the embedded store would silently start)', () => {
    expect(problemsOf('[elasticsearch]\nca_certificate_path = "/ca"\n[elasticsearch.auth]\ntype = "ApiKey"\napi_key = "k"\n')).toEqual([
      'elasticsearch.url: is required when auth is configured (no url = embedded store, which takes no credentials)',
      'elasticsearch.url: is required when ca_certificate_path is set',
    ]);
  });

  it('refuses TLS-only settings with an http url', () => {
    expect(problemsOf('[elasticsearch]\nurl = "http://es:9200"\nca_certificate_path = "/ca"\n[elasticsearch.auth]\ntype = "PemCertificatePath"\ncertificate_path = "/c"\nprivate_key_path = "/k"\n')).toEqual([
      'elasticsearch.ca_certificate_path: needs an https:// url',
      'elasticsearch.auth.type: "PemCertificatePath" needs an https:// url',
    ]);
  });

  it('ApiKey needs exactly one of api_key and api_key_file', () => {
    expect(problemsOf('[elasticsearch]\nurl = "https://es"\n[elasticsearch.auth]\ntype = "ApiKey"\n')).toEqual([
      'elasticsearch.auth.api_key_file: is required when type = "ApiKey" (or set api_key inline)',
    ]);
  });
});

describe('web_server.max_inflight_bytes', () => {
  it('defaults to 512 MiB, or to max_body_bytes when that is larger; is never below max_body_bytes', () => {
    expect(load('[web_server]\nmax_body_bytes = 1000\n').webServer.maxInflightBytes).toBe(512 * 1024 * 1024);
    expect(load('[web_server]\nmax_body_bytes = 1073741824\n').webServer.maxInflightBytes).toBe(1_073_741_824);
    expect(load('[web_server]\nmax_body_bytes = 1000\nmax_inflight_bytes = 1000\n').webServer.maxInflightBytes).toBe(1000);
    expect(problemsOf('[web_server]\nmax_body_bytes = 1000\nmax_inflight_bytes = 999\n')).toEqual(['web_server.max_inflight_bytes: must be at least max_body_bytes (1000), got 999']);
    expect(problemsOf('[web_server]\nmax_inflight_bytes = 0\n')[0]).toContain('web_server.max_inflight_bytes: expected an integer between 1 and');
  });
});

describe('web_server.shutdown_grace_ms', () => {
  it('defaults to 30 s and takes 0 (cut off at once) up to 10 minutes', () => {
    expect(load('').webServer.shutdownGraceMs).toBe(30_000);
    expect(load('[web_server]\nshutdown_grace_ms = 0\n').webServer.shutdownGraceMs).toBe(0);
    expect(problemsOf('[web_server]\nshutdown_grace_ms = 600001\n')[0]).toContain('web_server.shutdown_grace_ms: expected an integer between 0 and 600000');
    expect(problemsOf('[web_server]\nshutdown_grace_ms = "30s"\n')[0]).toContain('web_server.shutdown_grace_ms');
  });
});

describe('module and integers', () => {
  it.each([
    ['module = "Upper"', 'module: expected lowercase letters'],
    ['module = "a..b"', 'module: must not contain ".."'],
    ['module = "a/b"', 'module: expected lowercase letters'],
    ['module = ""', 'module: must not be empty'],
    ['failure_max_retries = 1.5', 'failure_max_retries: expected an integer between 0 and 1000, got 1.5'],
    ['failure_max_retries = -1.5', 'failure_max_retries: expected an integer between 0 and 1000, got -1.5'],
    ['failure_sleep_ms_between_retries = true', 'failure_sleep_ms_between_retries: expected an integer between 0 and 3600000, got true'],
    ['key_save_interval_ms = 60000', 'key_save_interval_ms: expected an integer between 0 and 10000, got 60000'],
    ['key_save_interval_ms = -1', 'key_save_interval_ms: expected an integer between 0 and 10000, got -1'],
    ['max_blockchains = 0', 'max_blockchains: expected an integer between 1 and 1000000, got 0'],
    ['max_blockchains = 2.5', 'max_blockchains: expected an integer between 1 and 1000000, got 2.5'],
    ['embedded_elasticsearch.port = 70000', 'embedded_elasticsearch.port: expected a port number 0-65535 (0 = any free port), got 70000'],
    ['data_dir = 2024-01-01', 'data_dir: expected a string, got a date/time'],
  ])('%s', (line, expected) => {
    const problems = problemsOf(`${line}\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });
});

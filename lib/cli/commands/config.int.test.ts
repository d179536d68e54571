// `signet config check|show` through the real CLI bundle.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempConfigDir } from '../../config/__fixtures__/temp-config-dir';
import { buildCli, runCli } from '../cli-test-helpers';

beforeAll(() => {
  buildCli();
});

const MAIN = 'elastic_blockchain_proxy.toml';

describe('signet config check', () => {
  it('says OK (exit 0) for a configuration serve could start with, naming the directories read', () => {
    const { baseDir, configDir } = tempConfigDir({ [MAIN]: 'message_queue_size = 10\n' });
    const r = runCli(['--config-dir', configDir, 'config', 'check']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`configuration OK: ${configDir}\n`);
    fs.mkdirSync(path.join(baseDir, 'static'));
    expect(runCli(['--config-dir', configDir, '--static-config-dir', path.join(baseDir, 'static'), 'config', 'check']).stdout).toBe(`configuration OK: ${configDir} (static: ${path.join(baseDir, 'static')})\n`);
  });

  it('lists every problem of the files and variables (exit 1)', () => {
    const { configDir } = tempConfigDir({ [MAIN]: 'message_queue_size = "lots"\n' });
    const r = runCli(['--config-dir', configDir, 'config', 'check'], { env: { ...process.env, SIGNET_FAILURE_MAX_RETRIEZ: '1' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/invalid configuration \(2 problems\)/);
    expect(r.stderr).toMatch(/message_queue_size: expected an integer/);
    expect(r.stderr).toMatch(/SIGNET_FAILURE_MAX_RETRIEZ/);
  });

  it('reads the files the configuration names as serve would, naming each unusable one (never its content)', () => {
    const { baseDir, configDir } = tempConfigDir();
    const f = (n: string) => path.join(baseDir, n);
    fs.writeFileSync(f('cert.pem'), 'not a certificate\n');
    fs.writeFileSync(f('key.pem'), 'not a key either\n');
    fs.writeFileSync(f('empty-password'), '');
    fs.writeFileSync(
      path.join(configDir, MAIN),
      `[web_server.tls]\ntype = "PemCertificatePath"\ncertificate_path = "${f('cert.pem')}"\nprivate_key_path = "${f('key.pem')}"\n` +
        `[ingest.auth]\ntype = "BasicAuth"\nusername = "shipper"\npassword_file = "${f('empty-password')}"\n` +
        `[elasticsearch]\nurl = "https://127.0.0.1:9200"\nca_certificate_path = "${f('missing-ca.pem')}"\n`,
    );
    const r = runCli(['--config-dir', configDir, 'config', 'check']);
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('signet: the configuration loads, but 3 files it names are not usable:');
    expect(lines[1]).toMatch(/^ {2}web_server\.tls\.certificate_path .*cert\.pem \/ private_key_path .*key\.pem: not a usable PEM certificate and private key/);
    expect(lines[2]).toMatch(/^ {2}ingest\.auth\.password .*empty-password: /);
    expect(lines[3]).toMatch(/missing-ca\.pem: ENOENT/);
    expect(r.stderr).not.toMatch(/not a certificate|not a key either/);
  });

  it('names an API keys file and a password file that others may write', () => {
    const { baseDir, configDir } = tempConfigDir();
    const keys = path.join(baseDir, 'ingest_api_keys');
    const password = path.join(baseDir, 'es_password');
    fs.writeFileSync(keys, '');
    fs.chmodSync(keys, 0o666);
    fs.writeFileSync(password, 'pw\n');
    fs.chmodSync(password, 0o660);
    fs.writeFileSync(
      path.join(configDir, MAIN),
      `[ingest.auth]\ntype = "ApiKey"\napi_keys_file = "${keys}"\n` + `[elasticsearch]\nurl = "https://127.0.0.1:9200"\n[elasticsearch.auth]\ntype = "BasicAuth"\nusername = "signet"\npassword_file = "${password}"\n`,
    );
    const r = runCli(['--config-dir', configDir, 'config', 'check']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`ingest.auth.api_keys_file ${keys}: is writable by every user (mode 0666); chmod go-w it`);
    expect(r.stderr).toContain(`${password}: secret file is writable by its group (mode 0660); chmod go-w it`);
  });
});

describe('signet config show', () => {
  it('prints the merged configuration with the files\' key names, secrets redacted', () => {
    const { configDir } = tempConfigDir({
      [MAIN]: 'message_queue_size = 10\n[elasticsearch]\nurl = "http://127.0.0.1:9200"\n[elasticsearch.auth]\ntype = "BasicAuth"\nusername = "signet"\npassword = "hunter2-secret"\n',
      'elastic_blockchain_proxy.d/20.toml': 'message_queue_size = 20\n',
    });
    const r = runCli(['--config-dir', configDir, 'config', 'show'], { env: { ...process.env, SIGNET_FAILURE_MAX_RETRIES: '7' } });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('hunter2');
    const shown = JSON.parse(r.stdout);
    expect(shown).toMatchObject({ message_queue_size: 20, failure_max_retries: 7, elasticsearch: { url: 'http://127.0.0.1:9200', auth: { type: 'BasicAuth', username: 'signet', password: { kind: 'inline', value: '[redacted]' } } } });
    expect(shown.web_server.max_body_bytes).toBe(100 * 1024 * 1024);
    const oneLine = runCli(['--config-dir', configDir, 'config', 'show', '--json']);
    expect(oneLine.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(oneLine.stdout)).toEqual(JSON.parse(runCli(['--config-dir', configDir, 'config', 'show']).stdout));
  });

  it('--sources: where each setting set comes from, values left out', () => {
    const { configDir } = tempConfigDir({
      [MAIN]: 'message_queue_size = 10\n[elasticsearch.auth]\ntype = "BasicAuth"\nusername = "signet"\npassword = "hunter2-secret"\n[elasticsearch]\nurl = "http://127.0.0.1:9200"\n',
      'elastic_blockchain_proxy.d/20.toml': 'message_queue_size = 20\n',
    });
    const r = runCli(['--config-dir', configDir, 'config', 'show', '--sources'], { env: { ...process.env, SIGNET_FAILURE_MAX_RETRIES: '7' } });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('hunter2');
    expect(r.stdout).toMatch(/^message_queue_size +\S*config\/elastic_blockchain_proxy\.d\/20\.toml$/m);
    expect(r.stdout).toMatch(/^failure_max_retries +SIGNET_FAILURE_MAX_RETRIES$/m);
    expect(r.stdout).toMatch(/^elasticsearch\.auth\.password +\S*config\/elastic_blockchain_proxy\.toml$/m);
    expect(r.stdout).toMatch(/^include_fields +built-in$/m);
    const json = JSON.parse(runCli(['--config-dir', configDir, 'config', 'show', '--sources', '--json']).stdout) as { key: string; source: string }[];
    expect(json.find((e) => e.key === 'message_queue_size')?.source).toMatch(/20\.toml$/);
  });
});

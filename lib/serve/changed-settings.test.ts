import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { tempConfigDir } from '../config/__fixtures__/temp-config-dir';
import { changedSettings } from './changed-settings';

/** Loads `main` (+ `extra` files) from one directory, rewritten in place between loads (paths stay equal). */
const dir = () => {
  const { baseDir, configDir } = tempConfigDir();
  fs.writeFileSync(path.join(baseDir, 'es-password'), 'pw-file\n');
  return (main: string, extra: Record<string, string> = {}) => {
    fs.rmSync(configDir, { recursive: true, force: true });
    fs.mkdirSync(configDir);
    for (const [name, content] of Object.entries({ 'elastic_blockchain_proxy.toml': main, ...extra })) {
      fs.mkdirSync(path.dirname(path.join(configDir, name)), { recursive: true });
      fs.writeFileSync(path.join(configDir, name), content);
    }
    return loadConfig({ configDir, baseDir, env: {} });
  };
};

describe('changedSettings', () => {
  it('nothing changed: nothing named', () => {
    const load = dir();
    expect(changedSettings(load('message_queue_size = 5\n'), load('message_queue_size = 5\n'))).toEqual([]);
  });

  it('names changed keys as written in the TOML files, sorted; derived ones by their source key', () => {
    const load = dir();
    const before = load('message_queue_size = 5\n[web_server]\naddress = "127.0.0.1:3000"\n[elasticsearch]\nurl = "http://127.0.0.1:9200"\n');
    const after = load('message_queue_size = 6\n[web_server]\naddress = "127.0.0.1:3001"\n[elasticsearch]\nurl = "http://127.0.0.1:9201"\n', { 'retention_policies.d/x.toml': '[retentions]\nx_days = 3\n' });
    expect(changedSettings(before, after)).toEqual(['elasticsearch.url', 'message_queue_size', 'retention_policies.toml', 'web_server.address']);
  });

  it('leaves out what a reload applies itself (logger, signed fields)', () => {
    const load = dir();
    const before = load('[logger]\nlevel = "info"\n', { 'elastic_blockchain_proxy_fields.toml': 'include_fields = ["message"]\n' });
    const after = load('[logger]\nlevel = "debug"\n', { 'elastic_blockchain_proxy_fields.toml': 'include_fields = ["seq"]\n' });
    expect(changedSettings(before, after)).toEqual([]);
  });

  it('compares secrets by value and names them without it', () => {
    const load = dir();
    const auth = (pw: string) => `[elasticsearch]\nurl = "http://127.0.0.1:9200"\n[elasticsearch.auth]\ntype = "BasicAuth"\nusername = "signet"\npassword = "${pw}"\n`;
    expect(changedSettings(load(auth('same')), load(auth('same')))).toEqual([]);
    const changed = changedSettings(load(auth('old-secret')), load(auth('new-secret')));
    expect(changed).toEqual(['elasticsearch.auth.password']);
    expect(JSON.stringify(changed)).not.toMatch(/secret/);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSources } from './config-sources';
import { tempConfigDir } from './__fixtures__/temp-config-dir';

describe('configSources', () => {
  it('names, for each setting that is set, the layer that wins the merge — never a value', () => {
    const { baseDir, configDir } = tempConfigDir({
      'elastic_blockchain_proxy.toml': 'message_queue_size = 10\n[elasticsearch]\nurl = "http://127.0.0.1:9200"\n[elasticsearch.auth]\ntype = "BasicAuth"\nusername = "u"\npassword = "hunter2-secret"\n',
      'elastic_blockchain_proxy.d/20.toml': 'message_queue_size = 20\n',
      'elastic_blockchain_proxy_fields.toml': 'include_fields = ["message"]\n',
    });
    const staticDir = path.join(baseDir, 'static');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'elastic_blockchain_proxy.toml'), 'failure_max_retries = 9\nmessage_queue_size = 1\n');
    fs.writeFileSync(path.join(staticDir, 'retention_policies.toml'), 'default = "1_month"\n[retentions]\n1_month = 30\n');
    const sources = configSources({ configDir, staticConfigDir: staticDir, baseDir, env: { SIGNET_MAX_BLOCKCHAINS: '5' } });
    const by = new Map(sources.map((s) => [s.key, s.source]));
    expect(by.get('message_queue_size')).toBe('config/elastic_blockchain_proxy.d/20.toml');
    expect(by.get('failure_max_retries')).toBe('static/elastic_blockchain_proxy.toml');
    expect(by.get('max_blockchains')).toBe('SIGNET_MAX_BLOCKCHAINS');
    expect(by.get('elasticsearch.auth.password')).toBe('config/elastic_blockchain_proxy.toml');
    expect(by.get('include_fields')).toBe('config/elastic_blockchain_proxy_fields.toml');
    expect(by.get('retention_policies.retentions.1_month')).toBe('static/retention_policies.toml');
    expect(by.has('retention_policies.retentions.2_years')).toBe(false); // replaced by the static set
    expect(by.has('dlq_dir')).toBe(false); // nobody set it: its default applies
    expect(JSON.stringify(sources)).not.toContain('hunter2');
  });

  it('without files: the built-in fields and retentions only', () => {
    const { baseDir, configDir } = tempConfigDir();
    const sources = configSources({ configDir, baseDir, env: {} });
    expect(new Set(sources.map((s) => s.source))).toEqual(new Set(['built-in', 'built-in retentions']));
    expect(sources.find((s) => s.key === 'include_fields')?.source).toBe('built-in');
  });
});

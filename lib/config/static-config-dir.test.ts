import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INCLUDE_FIELDS } from './default-include-fields';
import { expectConfigError, tempConfigDir } from './__fixtures__/temp-config-dir';
import { loadConfig } from './load-config';

// El Proxy's `--static-config-dir`: "configuration files that the final user cannot modify",
// read below the configuration directory's files (lib/config/README.md, "Static directory").

const MAIN = 'elastic_blockchain_proxy.toml';
const FIELDS = 'elastic_blockchain_proxy_fields.toml';
const RETENTION = 'retention_policies.toml';

/** A configuration directory and, next to it, a static one filled from `staticFiles`. */
function dirs(configFiles: Record<string, string>, staticFiles: Record<string, string>) {
  const { baseDir, configDir } = tempConfigDir(configFiles);
  const staticDir = path.join(baseDir, 'static');
  fs.mkdirSync(staticDir);
  for (const [name, content] of Object.entries(staticFiles)) {
    fs.mkdirSync(path.dirname(path.join(staticDir, name)), { recursive: true });
    fs.writeFileSync(path.join(staticDir, name), content);
  }
  return { baseDir, configDir, staticDir };
}

describe('static configuration directory', () => {
  it('main settings: static file < static drop-ins < the configuration directory < its drop-ins < SIGNET_*', () => {
    const d = dirs(
      { [MAIN]: 'failure_max_retries = 3\n', 'elastic_blockchain_proxy.d/10.toml': 'failure_sleep_ms_between_retries = 42\n' },
      { [MAIN]: 'message_queue_size = 100\nfailure_max_retries = 9\nfailure_sleep_ms_between_retries = 1\nmax_blockchains = 7\n', 'elastic_blockchain_proxy.d/10.toml': 'max_blockchains = 8\n' },
    );
    const config = loadConfig({ configDir: d.configDir, staticConfigDir: d.staticDir, baseDir: d.baseDir, env: { SIGNET_MESSAGE_QUEUE_SIZE: '200' } });
    expect(config.messageQueueSize).toBe(200); // env over static
    expect(config.failureMaxRetries).toBe(3); // config file over static
    expect(config.failureSleepMsBetweenRetries).toBe(42); // config drop-in over static
    expect(config.maxBlockchains).toBe(8); // static drop-in over static file
    expect(config.staticConfigDir).toBe(d.staticDir);
  });

  it('signed fields: the configuration directory\'s file, else the static one, else the built-in list', () => {
    const staticFields = { [FIELDS]: 'include_fields = ["@timestamp", "message"]\n' };
    const own = dirs({ [FIELDS]: 'include_fields = ["message"]\n' }, staticFields);
    const withOwn = loadConfig({ configDir: own.configDir, staticConfigDir: own.staticDir, baseDir: own.baseDir, env: {} });
    expect(withOwn.fields.includeFields).toEqual(['message']);
    expect(withOwn.defaultIncludeFields).toEqual(['@timestamp', 'message']); // what removing the own file would mean

    const none = dirs({}, staticFields);
    const fromStatic = loadConfig({ configDir: none.configDir, staticConfigDir: none.staticDir, baseDir: none.baseDir, env: {} });
    expect(fromStatic.fields.includeFields).toEqual(['@timestamp', 'message']);

    const empty = dirs({}, {});
    const builtIn = loadConfig({ configDir: empty.configDir, staticConfigDir: empty.staticDir, baseDir: empty.baseDir, env: {} });
    expect(builtIn.fields.includeFields).toEqual([...DEFAULT_INCLUDE_FIELDS]);
    expect(builtIn.defaultIncludeFields).toEqual([...DEFAULT_INCLUDE_FIELDS]);
  });

  it('a broken static fields file is reported with its path even when the configuration directory has its own', () => {
    const d = dirs({ [FIELDS]: 'include_fields = ["message"]\n' }, { [FIELDS]: 'include_field = ["message"]\n' });
    const { problems } = expectConfigError(() => loadConfig({ configDir: d.configDir, staticConfigDir: d.staticDir, baseDir: d.baseDir, env: {} }));
    expect(problems.map((p) => [p.source, p.key, p.message])).toContainEqual(['static/elastic_blockchain_proxy_fields.toml', 'include_field', 'unknown key (did you mean "include_fields"?)']);
  });

  it('retentions: static drop-ins add to the built-in set; a [retentions] table replaces the set below it', () => {
    const added = dirs({}, { 'retention_policies.d/custom.toml': '[retentions]\n1_month = 30\n' });
    const a = loadConfig({ configDir: added.configDir, staticConfigDir: added.staticDir, baseDir: added.baseDir, env: {} });
    expect(Object.keys(a.retention.policies).sort()).toEqual(['1_month', '1_year', '2_years', '3_months', '6_months', 'infinite', 'one_week']);

    const staticSet = dirs({ 'retention_policies.d/x.toml': '[retentions]\nx_days = 3\n' }, { [RETENTION]: 'default = "1_month"\n[retentions]\n1_month = 30\n' });
    const b = loadConfig({ configDir: staticSet.configDir, staticConfigDir: staticSet.staticDir, baseDir: staticSet.baseDir, env: {} });
    expect(Object.keys(b.retention.policies).sort()).toEqual(['1_month', 'x_days']);
    expect(b.retention.default).toBe('1_month');

    const replaced = dirs({ [RETENTION]: 'default = "short"\n[retentions]\nshort = 1\n' }, { [RETENTION]: '[retentions]\n1_month = 30\n', 'retention_policies.d/y.toml': '[retentions]\ny = 2\n' });
    const c = loadConfig({ configDir: replaced.configDir, staticConfigDir: replaced.staticDir, baseDir: replaced.baseDir, env: {} });
    expect(Object.keys(c.retention.policies)).toEqual(['short']);
  });

  it('found through SIGNET_STATIC_CONFIG_DIR (not an unknown setting); none by default', () => {
    const d = dirs({}, { [MAIN]: 'message_queue_size = 5\n' });
    const viaEnv = loadConfig({ configDir: d.configDir, baseDir: d.baseDir, env: { SIGNET_STATIC_CONFIG_DIR: 'static' } });
    expect(viaEnv.messageQueueSize).toBe(5);
    expect(viaEnv.staticConfigDir).toBe(d.staticDir);
    const without = loadConfig({ configDir: d.configDir, baseDir: d.baseDir, env: {} });
    expect(without.staticConfigDir).toBeNull();
    expect(without.messageQueueSize).toBe(20_000);
  });

  it('a static directory that does not exist is an error naming how it was set, not "no static files"', () => {
    const { baseDir, configDir } = tempConfigDir();
    const { problems } = expectConfigError(() => loadConfig({ configDir, staticConfigDir: 'nope', baseDir, env: {} }), 'ERR_CONFIG_IO');
    expect(problems[0]?.message).toBe('static configuration directory does not exist (set --static-config-dir or SIGNET_STATIC_CONFIG_DIR)');
  });
});

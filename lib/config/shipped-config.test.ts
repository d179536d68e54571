import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempConfigDir } from './__fixtures__/temp-config-dir';
import { DEFAULT_INCLUDE_FIELDS } from './default-include-fields';
import { loadConfig } from './load-config';
import { createMainConfigSchema } from './schema';
import { schemaKeys } from './schema-keys';
import type { KeyNode } from './schema-keys';

const repoRoot = path.resolve(__dirname, '..', '..');
const shippedDir = path.join(repoRoot, 'config');

function leafKeys(node: KeyNode, prefix = ''): string[] {
  if (node.kind === 'leaf') return [prefix];
  return [...node.children].flatMap(([key, child]) => leafKeys(child, prefix === '' ? key : `${prefix}.${key}`));
}

/** Dotted keys the example sets or shows commented out (`# key = ...`), under their [section]. */
function exampleKeys(text: string): Set<string> {
  const found = new Set<string>();
  let section = '';
  for (const line of text.split('\n')) {
    const header = /^\[([a-z_.]+)\]/.exec(line);
    if (header) section = header[1] ?? '';
    const key = /^(?:# )?([a-z_]+) = /.exec(line);
    if (key) found.add(section === '' ? (key[1] ?? '') : `${section}.${key[1] ?? ''}`);
  }
  return found;
}

describe('the example configuration shipped in config/', () => {
  it('loads with zero problems', () => {
    const config = loadConfig({ configDir: shippedDir, baseDir: repoRoot, env: {} });
    expect(config.configDir).toBe(shippedDir);
  });

  it('states exactly the built-in defaults (so it documents them truthfully)', () => {
    const shipped = loadConfig({ configDir: shippedDir, baseDir: repoRoot, env: {} });
    const { configDir } = tempConfigDir();
    const defaults = loadConfig({ configDir, baseDir: repoRoot, env: {} });
    expect({ ...shipped, configDir: '' }).toEqual({ ...defaults, configDir: '' });
    expect(shipped.fields.includeFields).toEqual(DEFAULT_INCLUDE_FIELDS);
  });

  it('gives a local install working defaults: loopback listener, embedded store, data under ./data', () => {
    const config = loadConfig({ configDir: shippedDir, baseDir: repoRoot, env: {} });
    expect(config.webServer.host).toBe('127.0.0.1');
    expect(config.elasticsearch.url).toBeNull();
    for (const dir of [config.dataDir, config.dlqDir, config.outboxDir, config.embeddedElasticsearch.dataDir]) {
      expect(dir.startsWith(path.join(repoRoot, 'data') + path.sep)).toBe(true);
    }
    expect(Object.keys(config.retention.policies).sort()).toEqual(['1_year', '2_years', '3_months', '6_months', 'infinite', 'one_week']);
  });

  it('mentions every key of the schema in the example file and the README', () => {
    const keys = leafKeys(schemaKeys(createMainConfigSchema({ baseDir: repoRoot })));
    expect(keys.length).toBeGreaterThan(30);
    const example = fs.readFileSync(path.join(shippedDir, 'elastic_blockchain_proxy.toml'), 'utf8');
    const readme = fs.readFileSync(path.join(__dirname, 'README.md'), 'utf8');
    const missingFromExample = keys.filter((k) => !exampleKeys(example).has(k));
    const missingFromReadme = keys.filter((k) => !readme.includes(`\`${k}\``));
    expect({ missingFromExample, missingFromReadme }).toEqual({ missingFromExample: [], missingFromReadme: [] });
  });
});

import path from 'node:path';
import { FIELDS_FILE } from './config-files';
import { displayPath } from './display-path';
import { configLocations, type LoadConfigOptions } from './load-config';
import { mergeLayers, type Layer } from './merge-layers';
import { mainConfigLayers } from './read-main-config';
import { retentionLayers } from './read-retention-config';
import { readTomlFile } from './read-toml-file';
import { createMainConfigSchema } from './schema';
import { schemaKeys } from './schema-keys';
import { isTable } from './schema-kit';

/** One setting and where its value comes from: a file, a SIGNET_* variable, or a built-in. */
export interface ConfigSource {
  /** As written in the files: `web_server.address`, `include_fields`, `retention_policies.retentions.6_months`. */
  readonly key: string;
  readonly source: string;
}

/**
 * Where each setting that is set comes from — the file, drop-in, static file or SIGNET_* variable
 * that wins the merge (`loadConfig`'s precedence) — without the values, so the list is safe to
 * print whatever it holds. Settings nobody sets are left out (their built-in default applies).
 * Files that cannot be read are skipped here; `loadConfig` reports them.
 */
export function configSources(options: LoadConfigOptions = {}): ConfigSource[] {
  const { env, baseDir, configDir, staticConfigDir } = configLocations(options);
  const keys = schemaKeys(createMainConfigSchema({ baseDir }));
  const out = leaves(mainConfigLayers(configDir, baseDir, env, staticConfigDir, keys).layers, '');
  const fieldsFrom = [configDir, ...(staticConfigDir === null ? [] : [staticConfigDir])].map((d) => path.join(d, FIELDS_FILE)).find((f) => readTomlFile(f, f).status === 'ok');
  out.push({ key: 'include_fields', source: fieldsFrom === undefined ? 'built-in' : displayPath(fieldsFrom, baseDir) });
  out.push(...leaves(retentionLayers(configDir, baseDir, staticConfigDir).layers, 'retention_policies.'));
  return out;
}

function leaves(layers: Layer[], prefix: string): ConfigSource[] {
  const { data, provenance } = mergeLayers(layers);
  const out: ConfigSource[] = [];
  const walk = (value: unknown, at: string[]) => {
    if (isTable(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, [...at, k]);
      return;
    }
    out.push({ key: prefix + at.join('.'), source: provenance.sourceOf(at, 'built-in') });
  };
  walk(data, []);
  return out;
}

import path from 'node:path';
import type { ConfigProblem } from './config-error';
import { RETENTION_DROPIN_DIR, RETENTION_DROPIN_EXTENSIONS, RETENTION_FILE } from './config-files';
import { displayPath } from './display-path';
import { issuesToProblems } from './issues-to-problems';
import { readDropinLayers } from './read-dropin-layers';
import { mergeLayers } from './merge-layers';
import type { Layer } from './merge-layers';
import { DEFAULT_RETENTIONS, retentionFileSchema } from './retention-schema';
import { readTomlFile } from './read-toml-file';
import { PARSE_OPTIONS } from './schema';
import { schemaKeys } from './schema-keys';
import type { RetentionConfig } from './types';

/**
 * Reads retention_policies.toml and retention_policies.d/*.toml (El Proxy's place for custom
 * retentions), merged in file-name order. The main file's `[retentions]` table replaces the
 * built-in set (so a retention can be removed); drop-ins add to or change what it defines.
 */
export function readRetentionConfig(configDir: string, baseDir: string): { config?: RetentionConfig; problems: ConfigProblem[] } {
  const file = path.join(configDir, RETENTION_FILE);
  const source = displayPath(file, baseDir);
  const problems: ConfigProblem[] = [];
  const layers: Layer[] = [];

  const main = readTomlFile(file, source);
  if (main.status === 'error') problems.push(main.problem);
  const mainData = main.status === 'ok' ? main.data : {};
  if (!('retentions' in mainData)) layers.push({ source, data: { retentions: { ...DEFAULT_RETENTIONS } } });
  layers.push({ source, data: mainData });

  const dropins = readDropinLayers(path.join(configDir, RETENTION_DROPIN_DIR), RETENTION_DROPIN_EXTENSIONS, baseDir);
  layers.push(...dropins.layers);
  problems.push(...dropins.problems);

  const { data, provenance } = mergeLayers(layers);
  const result = retentionFileSchema.safeParse(data, PARSE_OPTIONS);
  if (!result.success) problems.push(...issuesToProblems(result.error.issues, provenance, schemaKeys(retentionFileSchema), source));
  return problems.length > 0 || !result.success ? { problems } : { config: result.data, problems };
}

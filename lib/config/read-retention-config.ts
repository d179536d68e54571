import type { ConfigProblem } from './config-error';
import { RETENTION_DROPIN_DIR, RETENTION_DROPIN_EXTENSIONS, RETENTION_FILE } from './config-files';
import { issuesToProblems } from './issues-to-problems';
import { mergeLayers } from './merge-layers';
import type { Layer } from './merge-layers';
import { readDirLayers } from './read-dir-layers';
import { DEFAULT_RETENTIONS, retentionFileSchema } from './retention-schema';
import { PARSE_OPTIONS } from './schema';
import { schemaKeys } from './schema-keys';
import type { RetentionConfig } from './types';

/**
 * Reads retention_policies.toml and retention_policies.d/*.toml (El Proxy's place for custom
 * retentions), merged in file-name order — first from `staticDir` when given, then from the
 * configuration directory. A main file's `[retentions]` table replaces the set below it (the
 * built-in one, or the static directory's) so a retention can be removed; drop-ins add to or
 * change what it defines.
 */
export function readRetentionConfig(configDir: string, baseDir: string, staticDir: string | null = null): { config?: RetentionConfig; problems: ConfigProblem[] } {
  const { layers, problems, source } = retentionLayers(configDir, baseDir, staticDir);
  const { data, provenance } = mergeLayers(layers);
  const result = retentionFileSchema.safeParse(data, PARSE_OPTIONS);
  if (!result.success) problems.push(...issuesToProblems(result.error.issues, provenance, schemaKeys(retentionFileSchema), source));
  return problems.length > 0 || !result.success ? { problems } : { config: result.data, problems };
}

/** The retention layers in merge order (built-in set, static directory, configuration directory), with the problems found reading them. */
export function retentionLayers(configDir: string, baseDir: string, staticDir: string | null): { layers: Layer[]; problems: ConfigProblem[]; source: string } {
  const problems: ConfigProblem[] = [];
  let layers: Layer[] = [{ source: 'built-in retentions', data: { retentions: { ...DEFAULT_RETENTIONS } } }];
  let source = '';
  for (const dir of staticDir === null ? [configDir] : [staticDir, configDir]) {
    const read = readDirLayers(dir, RETENTION_FILE, RETENTION_DROPIN_DIR, RETENTION_DROPIN_EXTENSIONS, baseDir);
    problems.push(...read.problems);
    source = read.mainSource;
    if (read.main !== null && 'retentions' in read.main.data) layers = layers.map((l) => ({ source: l.source, data: withoutRetentions(l.data) }));
    if (read.main !== null) layers.push(read.main);
    layers.push(...read.dropins);
  }
  return { layers, problems, source };
}

function withoutRetentions(data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { retentions: _dropped, ...rest } = data;
  return rest;
}

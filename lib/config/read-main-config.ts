import type { ConfigProblem } from './config-error';
import { MAIN_DROPIN_DIR, MAIN_DROPIN_EXTENSIONS, MAIN_FILE } from './config-files';
import { envOverrideLayers } from './env-overrides';
import type { Env } from './env-overrides';
import { issuesToProblems } from './issues-to-problems';
import { mergeLayers } from './merge-layers';
import type { Layer } from './merge-layers';
import { readDirLayers } from './read-dir-layers';
import { createMainConfigSchema, PARSE_OPTIONS } from './schema';
import { schemaKeys } from './schema-keys';
import type { MainConfig } from './types';

/**
 * Reads elastic_blockchain_proxy.toml, then elastic_blockchain_proxy.d/*.{toml,conf} in file-name
 * order, then SIGNET_* variables, deep-merged in that order (later wins) and validated once —
 * below them all, the same two from `staticDir` (El Proxy's `--static-config-dir`) when given.
 * A missing main file means all defaults. Returns the config or every problem, never both.
 *
 * A file with a syntax error is left out of the merge but the rest is still validated, so its
 * problems are reported together with everyone else's.
 */
export function readMainConfig(configDir: string, baseDir: string, env: Env, staticDir: string | null = null): { config?: MainConfig; problems: ConfigProblem[] } {
  const schema = createMainConfigSchema({ baseDir });
  const keys = schemaKeys(schema);
  const { layers, problems, source, envProblems } = mainConfigLayers(configDir, baseDir, env, staticDir, keys);
  const { data, provenance } = mergeLayers(layers);
  const result = schema.safeParse(data, PARSE_OPTIONS);
  if (!result.success) problems.push(...issuesToProblems(result.error.issues, provenance, keys, source));
  problems.push(...envProblems);
  return problems.length > 0 || !result.success ? { problems } : { config: result.data, problems };
}

/**
 * The main settings' layers in merge order (static file and drop-ins, the configuration
 * directory's, then SIGNET_* variables), with the problems found reading them. `source`: the
 * configuration directory's main file, charged with problems nobody set.
 */
export function mainConfigLayers(configDir: string, baseDir: string, env: Env, staticDir: string | null, keys: ReturnType<typeof schemaKeys>): { layers: Layer[]; problems: ConfigProblem[]; source: string; envProblems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const layers: Layer[] = [];
  let source = '';
  for (const dir of staticDir === null ? [configDir] : [staticDir, configDir]) {
    const read = readDirLayers(dir, MAIN_FILE, MAIN_DROPIN_DIR, MAIN_DROPIN_EXTENSIONS, baseDir);
    if (read.main !== null) layers.push(read.main);
    layers.push(...read.dropins);
    problems.push(...read.problems);
    source = read.mainSource;
  }
  const fromEnv = envOverrideLayers(env, keys);
  layers.push(...fromEnv.layers);
  return { layers, problems, source, envProblems: fromEnv.problems };
}

import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config-error';
import type { ConfigProblem } from './config-error';
import { deepFreeze } from './deep-freeze';
import { displayPath } from './display-path';
import type { Env } from './env-overrides';
import { readFieldsConfig } from './read-fields-config';
import { readMainConfig } from './read-main-config';
import { readRetentionConfig } from './read-retention-config';
import { ioReason } from './read-toml-file';
import { resolveConfigDir, resolveStaticConfigDir } from './resolve-config-dir';
import type { Config, FieldsConfig } from './types';

export interface LoadConfigOptions {
  /** Configuration directory; default: `resolveConfigDir(undefined, env, baseDir)`. Relative = against baseDir. */
  readonly configDir?: string;
  /**
   * Static configuration directory (El Proxy's `--static-config-dir`): the same files, read below
   * the configuration directory's. Default: `resolveStaticConfigDir(undefined, env, baseDir)`; null: none.
   */
  readonly staticConfigDir?: string | null;
  /** Environment holding SIGNET_* overrides; default `process.env`. */
  readonly env?: Env;
  /** What relative paths (in files and in configDir) resolve against; default `process.cwd()`. */
  readonly baseDir?: string;
}

/**
 * Loads and validates the whole configuration once: the main file with its drop-ins and SIGNET_*
 * overrides, the signed-fields file and the retention policies.
 *
 * @returns a deep-frozen Config with absolute paths.
 * @throws ConfigError `ERR_CONFIG_INVALID` listing every problem across all files and variables,
 *   or `ERR_CONFIG_IO` when something could not be read (the configuration directory is missing).
 * @example const config = loadConfig({ configDir: resolveConfigDir(opts.configDir) });
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const { env, baseDir, configDir, staticConfigDir } = configLocations(options);

  const main = readMainConfig(configDir, baseDir, env, staticConfigDir);
  const fields = readFieldsConfig(configDir, baseDir, staticConfigDir);
  const retention = readRetentionConfig(configDir, baseDir, staticConfigDir);
  const problems: ConfigProblem[] = [...main.problems, ...fields.problems, ...retention.problems];
  if (problems.length > 0 || main.config === undefined || fields.config === undefined || fields.defaultIncludeFields === undefined || retention.config === undefined) {
    throw new ConfigError(problems);
  }
  return deepFreeze({ ...main.config, configDir, staticConfigDir, fields: fields.config, defaultIncludeFields: [...fields.defaultIncludeFields], retention: retention.config });
}

/**
 * Where the configuration is read from (LoadConfigOptions resolved, as absolute paths), each
 * directory checked to exist.
 * @throws ConfigError `ERR_CONFIG_IO` naming a directory that does not exist and how it was set.
 */
export function configLocations(options: LoadConfigOptions): { env: Env; baseDir: string; configDir: string; staticConfigDir: string | null } {
  const env = options.env ?? process.env;
  const baseDir = path.resolve(options.baseDir ?? process.cwd());
  const configDir = path.resolve(baseDir, options.configDir ?? resolveConfigDir(undefined, env, baseDir));
  assertDirectory(configDir, baseDir);
  const chosenStatic = options.staticConfigDir === undefined ? resolveStaticConfigDir(undefined, env, baseDir) : options.staticConfigDir;
  const staticConfigDir = chosenStatic === null ? null : path.resolve(baseDir, chosenStatic);
  if (staticConfigDir !== null) assertDirectory(staticConfigDir, baseDir, 'static configuration directory', '--static-config-dir or SIGNET_STATIC_CONFIG_DIR');
  return { env, baseDir, configDir, staticConfigDir };
}

/**
 * Loads only elastic_blockchain_proxy_fields.toml, for hot reload after the console edits it.
 *
 * @throws ConfigError listing every problem of the file.
 */
export function loadFieldsConfig(configDir: string, options: { readonly baseDir?: string } = {}): FieldsConfig {
  const baseDir = path.resolve(options.baseDir ?? process.cwd());
  const dir = path.resolve(baseDir, configDir);
  assertDirectory(dir, baseDir);
  const fields = readFieldsConfig(dir, baseDir);
  if (fields.config === undefined) throw new ConfigError(fields.problems);
  return deepFreeze(fields.config);
}

// A mistyped --config-dir must not silently mean "all defaults".
function assertDirectory(dir: string, baseDir: string, what = 'configuration directory', setWith = '--config-dir or SIGNET_CONFIG_DIR'): void {
  const source = displayPath(dir, baseDir);
  try {
    if (!fs.statSync(dir).isDirectory()) throw new ConfigError([{ source, key: '', message: `${what} is not a directory`, io: true }]);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const message =
      (err as NodeJS.ErrnoException).code === 'ENOENT'
        ? `${what} does not exist (set ${setWith})`
        : `cannot read ${what}: ${ioReason(err)}`;
    throw new ConfigError([{ source, key: '', message, io: true }], { cause: err });
  }
}

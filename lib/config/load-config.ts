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
import { resolveConfigDir } from './resolve-config-dir';
import type { Config, FieldsConfig } from './types';

export interface LoadConfigOptions {
  /** Configuration directory; default: `resolveConfigDir(undefined, env, baseDir)`. Relative = against baseDir. */
  readonly configDir?: string;
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
  const env = options.env ?? process.env;
  const baseDir = path.resolve(options.baseDir ?? process.cwd());
  const configDir = path.resolve(baseDir, options.configDir ?? resolveConfigDir(undefined, env, baseDir));
  assertDirectory(configDir, baseDir);

  const main = readMainConfig(configDir, baseDir, env);
  const fields = readFieldsConfig(configDir, baseDir);
  const retention = readRetentionConfig(configDir, baseDir);
  const problems: ConfigProblem[] = [...main.problems, ...fields.problems, ...retention.problems];
  if (problems.length > 0 || main.config === undefined || fields.config === undefined || retention.config === undefined) {
    throw new ConfigError(problems);
  }
  return deepFreeze({ ...main.config, configDir, fields: fields.config, retention: retention.config });
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
function assertDirectory(dir: string, baseDir: string): void {
  const source = displayPath(dir, baseDir);
  try {
    if (!fs.statSync(dir).isDirectory()) throw new ConfigError([{ source, key: '', message: 'configuration directory is not a directory', io: true }]);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const message =
      (err as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'configuration directory does not exist (set --config-dir or SIGNET_CONFIG_DIR)'
        : `cannot read configuration directory: ${ioReason(err)}`;
    throw new ConfigError([{ source, key: '', message, io: true }], { cause: err });
  }
}

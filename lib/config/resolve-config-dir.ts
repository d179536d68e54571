import path from 'node:path';
import type { Env } from './env-overrides';

/** Used when neither `--config-dir` nor SIGNET_CONFIG_DIR is given (relative to the cwd). */
export const DEFAULT_CONFIG_DIR = './config';

/**
 * The configuration directory: the `--config-dir` flag, else SIGNET_CONFIG_DIR, else
 * `./config`; empty values count as unset. Returned absolute, resolved against `cwd`.
 *
 * @example resolveConfigDir(undefined, { SIGNET_CONFIG_DIR: '/etc/signet' }, '/srv') // '/etc/signet'
 */
export function resolveConfigDir(flag: string | undefined, env: Env = process.env, cwd: string = process.cwd()): string {
  const chosen = [flag, env.SIGNET_CONFIG_DIR].find((v) => v !== undefined && v !== '') ?? DEFAULT_CONFIG_DIR;
  return path.resolve(cwd, chosen);
}

/**
 * El Proxy's `--static-config-dir` (configuration files the final user cannot modify, read below
 * the configuration directory's): the flag, else SIGNET_STATIC_CONFIG_DIR, else none (null);
 * empty values count as unset. Returned absolute, resolved against `cwd`.
 */
export function resolveStaticConfigDir(flag: string | undefined, env: Env = process.env, cwd: string = process.cwd()): string | null {
  const chosen = [flag, env.SIGNET_STATIC_CONFIG_DIR].find((v) => v !== undefined && v !== '');
  return chosen === undefined ? null : path.resolve(cwd, chosen);
}

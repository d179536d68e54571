import type { Command } from 'commander';
import { configSources, loadConfig, resolveConfigDir, resolveStaticConfigDir, type Config, type ConfigSource } from '../config';
import { CliError } from './cli-error';

/**
 * Loads and validates the configuration for a command (global `--config-dir`, else
 * SIGNET_CONFIG_DIR, else ./config; below it `--static-config-dir`, else
 * SIGNET_STATIC_CONFIG_DIR, else none). Every problem is listed at once; the command exits 1.
 */
export function loadCliConfig(cmd: Command): Config {
  return withConfigErrors(() => loadConfig(cliConfigDirs(cmd)));
}

/** Where each setting comes from (`signet config show --sources`), for the same directories. */
export function cliConfigSources(cmd: Command): ConfigSource[] {
  return withConfigErrors(() => configSources(cliConfigDirs(cmd)));
}

function cliConfigDirs(cmd: Command): { configDir: string; staticConfigDir: string | null } {
  const flags = cmd.optsWithGlobals() as { configDir?: string; staticConfigDir?: string };
  return { configDir: resolveConfigDir(flags.configDir), staticConfigDir: resolveStaticConfigDir(flags.staticConfigDir) };
}

function withConfigErrors<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (typeof e.code === 'string' && e.code.startsWith('ERR_CONFIG')) throw new CliError('ERR_CLI_INPUT', String(e.message), { cause: err });
    throw err;
  }
}

import type { Command } from 'commander';
import { redactConfig } from '../../config';
import { checkServeFiles } from '../../serve';
import { CliError } from '../cli-error';
import { cliConfigSources, loadCliConfig } from '../load-cli-config';

/**
 * `signet config check|show`: the configuration as `serve` would load it — checked (every file
 * and SIGNET_* variable, and the files it names), or printed with its secrets redacted. Meant for
 * before a restart or a `systemctl reload` (ExecReload), and for "which value is in force?".
 */
export function registerConfig(program: Command): void {
  const cmd = program.command('config').description('Check or show the configuration as `signet serve` would load it (secrets never shown).');
  cmd
    .command('check')
    .description('Load and validate the configuration and read every file it names (certificates, keys, password files) as serve would; exit 0 if serve could start with it, 1 with every problem listed. Contacts nothing.')
    .action(async (_o: unknown, c: Command) => {
      const config = loadCliConfig(c);
      const problems = await checkServeFiles(config);
      if (problems.length > 0) {
        throw new CliError('ERR_CLI_INPUT', `the configuration loads, but ${problems.length === 1 ? 'a file it names is' : `${problems.length} files it names are`} not usable:\n${problems.map((p) => `  ${p}`).join('\n')}`);
      }
      process.stdout.write(`configuration OK: ${config.configDir}${config.staticConfigDir === null ? '' : ` (static: ${config.staticConfigDir})`}\n`);
    });
  cmd
    .command('show')
    .description('Print the effective configuration (files, drop-ins, SIGNET_* variables merged; defaults filled in) as JSON with the TOML key names; secrets as "[redacted]".')
    .option('--json', 'one line instead of indented')
    .option('--sources', 'instead: each setting that is set and where its value comes from (file, drop-in, static file, SIGNET_* variable), without values')
    .action((o: { json?: boolean; sources?: boolean }, c: Command) => {
      if (o.sources === true) {
        // Validated first: sources of a configuration serve would refuse would mislead.
        loadCliConfig(c);
        const sources = cliConfigSources(c);
        if (o.json === true) process.stdout.write(`${JSON.stringify(sources)}\n`);
        else {
          const width = Math.max(...sources.map((e) => e.key.length));
          for (const e of sources) process.stdout.write(`${e.key.padEnd(width)}  ${e.source}\n`);
        }
        return;
      }
      const shown = snakeKeys(redactConfig(loadCliConfig(c)));
      process.stdout.write(`${JSON.stringify(shown, null, o.json === true ? undefined : 2)}\n`);
    });
}

/** `webServer.maxBodyBytes` → `web_server.max_body_bytes`, as the files spell the keys. */
function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`), snakeKeys(v)]));
}

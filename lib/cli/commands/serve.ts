import type { Command } from 'commander';
import path from 'node:path';
import fs from 'node:fs';
import type { Config } from '../../config';
import { startSignet } from '../../serve';
import { CliError } from '../cli-error';
import { loadCliConfig } from '../load-cli-config';
import { createServiceLog } from '../service-log';

/** `signet serve` (El Proxy: "Starts El Proxy server ready for processing incoming requests"). */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Start Signet: El Proxy API, console, signing service (and the embedded Elasticsearch-compatible store when elasticsearch.url is unset).')
    .option('--no-console', 'serve only the El Proxy API (no Next.js console; no build needed)')
    .action(async (flags: { console: boolean }, cmd: Command) => {
      const config = loadCliConfig(cmd);
      // dist/cli/main.cjs → the project root holds .next/ (the console build).
      const projectDir = path.resolve(__dirname, '..', '..');
      if (flags.console && !fs.existsSync(path.join(projectDir, '.next', 'BUILD_ID'))) {
        throw new CliError('ERR_CLI_INPUT', 'the console is not built: run `npx next build` first (or `npm start`, which builds when needed), or use --no-console');
      }
      // Time, level and `[logger] level` filtering (El Proxy's syntax), on stderr.
      const log = createServiceLog(config.logger, (text) => process.stderr.write(text));
      // dist/cli/main.cjs → dist/embedded-es/child-main.cjs (scripts/build-cli.mjs bundles both).
      const embeddedEsChildEntry = path.resolve(__dirname, '..', 'embedded-es', 'child-main.cjs');
      // Listening for SIGINT/SIGTERM from the start: a signal during start-up stops Signet once it
      // is up (cleanly) instead of killing it by the default action; a second one stops at once.
      let early: string | null = null;
      let onSignal = (signal: string): void => void (early = signal);
      process.once('SIGINT', () => onSignal('SIGINT'));
      process.once('SIGTERM', () => onSignal('SIGTERM'));
      // SIGHUP (`systemctl reload`): the configuration read again — logger level, signed fields,
      // TLS material and ingest password applied without a restart, other changes named.
      // Handled from the start too: its default action would end the process.
      let onHangUp = (): void => log('SIGHUP during start-up: nothing reloaded', 'warn');
      process.on('SIGHUP', () => onHangUp());
      let currentLevel = config.logger.level;
      const running = await startSignet({ config, projectDir, console: flags.console, log, logEnabled: log.enabled, embeddedEsChildEntry });
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          log(`${signal}: shutting down`);
          void running.close().then(resolve);
        };
        if (early !== null) return stop(early);
        onSignal = stop;
        onHangUp = () => {
          // The configuration is read and validated again as at start-up; with a problem, the one
          // in use stays and only the certificate and password files are read again.
          let next: Config | null = null;
          try {
            next = loadCliConfig(cmd);
          } catch (err) {
            log(`SIGHUP: the configuration was not reloaded, the one in use stays: ${(err as Error).message.replace(/\n\s*/g, '; ')}`, 'warn');
          }
          if (next !== null && next.logger.level !== currentLevel) {
            log.configure(next.logger);
            log(`SIGHUP: logger level now "${next.logger.level}" (was "${currentLevel}")`);
            currentLevel = next.logger.level;
          }
          for (const r of running.reload(next)) log(`SIGHUP: ${r.message}`, r.ok ? 'info' : 'warn');
        };
        process.stdout.write(`Signet is listening on ${running.url}${flags.console ? ' (console and El Proxy API)' : ' (El Proxy API only)'}\n`);
      });
    });
}

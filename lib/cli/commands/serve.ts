import type { Command } from 'commander';
import path from 'node:path';
import fs from 'node:fs';
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
      // SIGHUP (`systemctl reload`, a rotated certificate or password): new TLS material and ingest
      // password without a restart.
      // Handled from the start too: its default action would end the process.
      let onHangUp = (): void => log('SIGHUP during start-up: nothing reloaded', 'warn');
      process.on('SIGHUP', () => onHangUp());
      const running = await startSignet({ config, projectDir, console: flags.console, log, logEnabled: log.enabled, embeddedEsChildEntry });
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          log(`${signal}: shutting down`);
          void running.close().then(resolve);
        };
        if (early !== null) return stop(early);
        onSignal = stop;
        onHangUp = () => {
          for (const r of [running.reloadTls(), running.reloadIngestPassword()]) if (r !== null) log(`SIGHUP: ${r.message}`, r.ok ? 'info' : 'warn');
        };
        process.stdout.write(`Signet is listening on ${running.url}${flags.console ? ' (console and El Proxy API)' : ' (El Proxy API only)'}\n`);
      });
    });
}

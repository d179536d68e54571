import type { Command } from 'commander';
import path from 'node:path';
import fs from 'node:fs';
import { startSignet } from '../../serve';
import { CliError } from '../cli-error';
import { loadCliConfig } from '../load-cli-config';

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
      const log = (line: string) => process.stderr.write(`signet: ${line}\n`);
      // dist/cli/main.cjs → dist/embedded-es/child-main.cjs (scripts/build-cli.mjs bundles both).
      const embeddedEsChildEntry = path.resolve(__dirname, '..', 'embedded-es', 'child-main.cjs');
      const running = await startSignet({ config, projectDir, console: flags.console, log, embeddedEsChildEntry });
      process.stdout.write(`Signet is listening on ${running.url}${flags.console ? ' (console and El Proxy API)' : ' (El Proxy API only)'}\n`);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          log(`${signal}: shutting down`);
          void running.close().then(resolve);
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
    });
}

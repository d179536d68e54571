/**
 * `signet embedded-es`: runs the embedded Elasticsearch-compatible store standalone (for other
 * tools, tests and benchmarks). Prints one line with the URL once it listens (the real port when
 * `--port 0`), and shuts down cleanly on SIGINT/SIGTERM (in-flight requests finish, the log is
 * flushed and the data directory released).
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { startEmbeddedEs, type EmbeddedEsLogger } from '../../embedded-es';
import { CliError } from '../cli-error';

const flagsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  dataDir: z.string().min(1),
  host: z.string().min(1),
  maxContentLength: z.coerce.number().int().positive().optional(),
  enableFaultInjection: z.boolean().optional(),
});

const logger: EmbeddedEsLogger = {
  warn: (message, details) => console.error(`signet embedded-es: warning: ${message}${details ? ` ${JSON.stringify(details)}` : ''}`),
  error: (message, details) => console.error(`signet embedded-es: error: ${message}${details ? ` ${JSON.stringify(details)}` : ''}`),
};

/** Registers `embedded-es` on the program. */
export function registerEmbeddedEs(program: Command): void {
  program
    .command('embedded-es')
    .description('Run the embedded Elasticsearch-compatible store standalone (for tools and tests).')
    .requiredOption('--data-dir <dir>', 'directory for the write-ahead log and snapshots')
    .option('--port <port>', 'listen port (0 picks a free one)', '9200')
    .option('--host <host>', 'listen address', '127.0.0.1')
    .option('--max-content-length <bytes>', 'http.max_content_length in bytes (default 100 MB)')
    .option('--enable-fault-injection', 'enable /_signet/faults (tests only)')
    .action(async (raw: Record<string, unknown>) => {
      const parsed = flagsSchema.safeParse(raw);
      if (!parsed.success) {
        throw new CliError('ERR_CLI_USAGE', parsed.error.issues.map((i) => `--${String(i.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`).join('; '), { exitCode: 2 });
      }
      const flags = parsed.data;
      let es;
      try {
        es = await startEmbeddedEs({
          dataDir: flags.dataDir,
          host: flags.host,
          port: flags.port,
          maxContentLength: flags.maxContentLength,
          faultInjection: flags.enableFaultInjection === true,
          logger,
        });
      } catch (err) {
        throw new CliError('ERR_CLI_FAILED', `cannot start the embedded store: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      console.log(`signet embedded-es listening on ${es.url} (data dir ${flags.dataDir}${flags.enableFaultInjection ? ', fault injection enabled' : ''})`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void es.close().then(resolve, (err: unknown) => {
            console.error(`signet embedded-es: error while closing: ${err instanceof Error ? err.message : String(err)}`);
            process.exitCode = 1;
            resolve();
          });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}

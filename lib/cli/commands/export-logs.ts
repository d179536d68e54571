import { Option, type Command } from 'commander';
import { ExportError, MAX_EXPORT_BATCH_SIZE, DEFAULT_EXPORT_BATCH_SIZE, exportLogs, parseRfc3339 } from '../../export';
import { CliError } from '../cli-error';
import { addEsFlags, esClientFromFlags } from '../es-flags';
import { loadCliConfig } from '../load-cli-config';
import { parseCount } from '../parse-count';
import { createProgressBar } from '../progress-bar';

interface ExportFlags {
  tenant: string;
  retention: string;
  tag: string;
  outputFile: string;
  format: string;
  from?: string;
  to?: string;
  fromDate?: string;
  toDate?: string;
  batchSize: number;
  json?: boolean;
}

/** `signet export-logs` (El Proxy: "Exports the signed logs from ElasticSearch to a local file"). */
export function registerExportLogs(program: Command): void {
  const cmd = program
    .command('export-logs')
    .description("Export a blockchain's signed logs, in iteration order, to an NDJSON file (written atomically).")
    .requiredOption('--tenant <tenant>', 'the customer of the blockchain')
    .requiredOption('--retention <retention>', 'the retention of the blockchain')
    .requiredOption('--tag <tag>', 'the tag of the blockchain')
    .requiredOption('--output-file <file>', 'the NDJSON file to write (replaced if it exists)')
    .option('--format <format>', 'output format (only ndjson)', 'ndjson')
    .option('--from <date>', 'RFC 3339, inclusive, on @timestamp (e.g. 2023-01-01T00:00:00+02:00)')
    .option('--to <date>', 'RFC 3339, exclusive, on @timestamp')
    // El Proxy's documentation also names them --from-date/--to-date: accepted, not advertised.
    .addOption(new Option('--from-date <date>').hideHelp())
    .addOption(new Option('--to-date <date>').hideHelp())
    .option('--batch-size <n>', 'logs per search page', parseCount('--batch-size', MAX_EXPORT_BATCH_SIZE), DEFAULT_EXPORT_BATCH_SIZE)
    .option('--json', 'print one JSON object instead of the summary');
  addEsFlags(cmd).action(async (flags: ExportFlags, c: Command) => {
      const config = loadCliConfig(c);
      if (flags.format !== 'ndjson') throw new CliError('ERR_CLI_USAGE', `--format must be ndjson, got "${flags.format}"`);
      const from = flags.from ?? flags.fromDate;
      const to = flags.to ?? flags.toDate;
      const dates = input(() => ({
        ...(from === undefined ? {} : { from: parseRfc3339(from, flags.from === undefined ? '--from-date' : '--from') }),
        ...(to === undefined ? {} : { to: parseRfc3339(to, flags.to === undefined ? '--to-date' : '--to') }),
      }));
      const chain = { module: config.module, customer: flags.tenant, retention: flags.retention, tag: flags.tag };
      const client = esClientFromFlags(config, c.opts());
      const bar = createProgressBar();
      try {
        const result = await exportLogs(client, { chain, outputFile: flags.outputFile, batchSize: flags.batchSize, ...dates, onProgress: (n, total) => bar.update('export', n, total) }).catch((err: unknown) => {
          if (err instanceof ExportError) throw new CliError('ERR_CLI_FAILED', err.message, { cause: err });
          throw err;
        });
        bar.done();
        if (flags.json) process.stdout.write(`${JSON.stringify(result)}\n`);
        else {
          const span = result.firstIteration === null ? '' : ` (iterations ${result.firstIteration}–${result.lastIteration})`;
          process.stdout.write(`Exported ${result.logs.toLocaleString('en-US')} signed logs of ${result.chain}${span} to ${result.outputFile} (${result.bytes.toLocaleString('en-US')} bytes)\n`);
          if (result.skipped > 0) process.stdout.write(`Skipped ${result.skipped} documents whose ES_BLOCKCHAIN.iteration is not a non-negative integer\n`);
        }
      } finally {
        bar.done();
        await client.close().catch(() => undefined);
      }
    });
}

function input<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof ExportError) throw new CliError('ERR_CLI_INPUT', err.message, { cause: err });
    throw err;
  }
}

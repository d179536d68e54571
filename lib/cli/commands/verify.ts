import { Option, type Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { wipeKey } from '../../chain';
import { actorName } from '../ask-text';
import { auditCliAction } from '../audit-cli-action';
import { formatReport, indexReport, readKeyFile, verifyChain, writeReportFiles, type VerificationReport } from '../../verify';
import { CliError } from '../cli-error';
import { addEsFlags, esClientFromFlags } from '../es-flags';
import { loadCliConfig } from '../load-cli-config';
import { mapVerifyError } from '../map-verify-error';
import { parseCount } from '../parse-count';
import { parseNameComponent, parseNonNegative } from '../parse-flags';
import { createProgressBar } from '../progress-bar';

/** Nagios UNKNOWN: verification could not produce a verdict. */
const UNKNOWN = 3;

interface Flags {
  tenant: string;
  retention: string;
  tag: string;
  keyFile: string;
  module?: string;
  batchSize: number;
  concurrentBatches: number;
  skipIterationsBefore: number;
  /** El Proxy's deprecated spelling of --skip-iterations-before. */
  fromIteration?: number;
  elasticsearchIndexingDelay: number;
  incremental?: boolean;
  json?: boolean;
}

const exit3 = <T>(parse: (v: string) => T) => (v: string): T => {
  try {
    return parse(v);
  } catch (err) {
    return mapVerifyError(err, UNKNOWN);
  }
};

/**
 * `signet verify` (reference §6.1, §8): verifies one chain, prints El Proxy's report (or the JSON
 * report with `--json`), stores it in verification_reports_dir and signet-verification-reports,
 * and exits 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (Nagios).
 */
export function registerVerify(program: Command): void {
  const cmd = program
    .command('verify')
    .description('Verify the validity of a blockchain.')
    .requiredOption('--tenant <tenant>', 'customer (tenant) of the chain', exit3(parseNameComponent('--tenant', UNKNOWN)))
    .requiredOption('--retention <retention>', 'retention of the chain', exit3(parseNameComponent('--retention', UNKNOWN)))
    .requiredOption('--tag <tag>', 'blockchain tag of the chain', exit3(parseNameComponent('--tag', UNKNOWN)))
    .requiredOption('--key-file <file>', 'the file that contains the iteration 0 signature key')
    .option('--module <module>', 'module of the chain (default: module from the configuration)', exit3(parseNameComponent('--module', UNKNOWN)))
    .option('--batch-size <n>', 'logs read per request', exit3(parseCount('--batch-size', 10_000)), 500)
    .option('--concurrent-batches <n>', 'batches verified in parallel (worker threads)', exit3(parseCount('--concurrent-batches', 64)), 2)
    .option('--skip-iterations-before <n>', 'testing only: start at this iteration (ignored when retention already removed it)', exit3(parseNonNegative('--skip-iterations-before', Number.MAX_SAFE_INTEGER, UNKNOWN)), 0)
    // El Proxy's deprecated spelling (replaced by --skip-iterations-before): accepted, not advertised.
    .addOption(new Option('--from-iteration <n>').hideHelp().argParser(exit3(parseNonNegative('--from-iteration', Number.MAX_SAFE_INTEGER, UNKNOWN))))
    .option('--elasticsearch-indexing-delay <seconds>', 'repeat the verification while a gap may still be indexing, for at most this long', exit3(parseNonNegative('--elasticsearch-indexing-delay', 86_400, UNKNOWN)), 60)
    .option('--incremental', 'verify only what was indexed since the last verified iteration (after checking that log is unchanged)')
    .option('--json', 'print the JSON report instead of the text report');
  addEsFlags(cmd);
  cmd.exitOverride((err) => {
    // Usage errors of a monitoring check are UNKNOWN too; --help stays 0.
    throw err.exitCode === 0 ? err : Object.assign(err, { exitCode: UNKNOWN });
  });
  cmd.action(async (flags: Flags, c: Command) => {
    let report: VerificationReport;
    let reportsDir: string;
    const bar = createProgressBar();
    try {
      const config = loadCliConfig(c);
      reportsDir = config.verificationReportsDir;
      const policy = config.retention.policies[flags.retention];
      if (policy === undefined) {
        throw new CliError('ERR_CLI_INPUT', `unknown retention "${flags.retention}" (configured: ${Object.keys(config.retention.policies).join(', ')})`);
      }
      const key0 = readKeyFile(flags.keyFile);
      const client = esClientFromFlags(config, c.opts(), ['es'], UNKNOWN);
      const workerFile = path.join(__dirname, 'verify-check-worker.cjs');
      try {
        report = await verifyChain({
          client,
          chain: { module: flags.module ?? config.module, customer: flags.tenant, retention: flags.retention, tag: flags.tag },
          key0,
          retentionDays: policy.days,
          stateHistoryDir: config.blockchainStateHistoryDir,
          workerFile: fs.existsSync(workerFile) ? workerFile : null,
          batchSize: flags.batchSize,
          concurrentBatches: flags.concurrentBatches,
          skipIterationsBefore: flags.fromIteration ?? flags.skipIterationsBefore,
          indexingDelaySeconds: flags.elasticsearchIndexingDelay,
          incremental: flags.incremental ?? false,
          onProgress: (done, total) => bar.update('verifying', done, total),
        });
        writeReportFiles(reportsDir, report);
        try {
          await indexReport(client, report);
        } catch (err) {
          process.stderr.write(`signet: warning: ${(err as Error).message} (the report files are in ${reportsDir})\n`);
        }
        await auditCliAction(client, actorName(undefined), {
          action: 'verification_run',
          target: report.chain,
          outcome: 'success',
          details: { report_id: report.report_id, mode: report.mode, status: report.status, errors: report.errors_total, warnings: report.warnings.length, logs_checked: report.logs_checked },
        });
      } finally {
        wipeKey(key0);
        bar.done();
        await client.close();
      }
    } catch (err) {
      bar.done();
      return mapVerifyError(err, UNKNOWN);
    }
    process.stdout.write(flags.json ? JSON.stringify(report) + '\n' : formatReport(report));
    process.exitCode = report.exit_status;
  });
}

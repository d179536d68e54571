import path from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../../config';
import { DlqError, type DlqFileInfo } from '../../dlq';
import {
  DEFAULT_BATCH_SIZE, DlqRecoveryError, MAX_BATCH_SIZE, describeDlq, openDlq, recoverDlq, type DlqOverview, type DlqRecoveryReport, type FileRecoveryReport,
} from '../../dlq-recovery';
import { createStore } from '../../store';
import { CliError } from '../cli-error';
import { addEsFlags, esClientFromFlags } from '../es-flags';
import { loadCliConfig } from '../load-cli-config';
import { parseCount } from '../parse-count';
import { createProgressBar } from '../progress-bar';

interface DirFlags {
  dlqDir?: string;
  dlqRecoveredDir?: string;
  json?: boolean;
}

/** `signet dlq list` and `signet dlq recover` (El Proxy: "Recovers signed logs inside the Dead Letter Queue"). */
export function registerDlq(program: Command): void {
  const dlq = program.command('dlq').description('Inspect and recover the dead letter queue (signed logs Elasticsearch did not take).');
  dlq
    .command('list')
    .description('List the DLQ files: entries, errors per type, bad and torn lines; the rejected area (unsigned logs) apart.')
    .option('--dlq-dir <dir>', 'dead letter queue folder (default: dlq_dir from the configuration)')
    .option('--json', 'print one JSON object instead of the table')
    .action(async (flags: DirFlags, cmd: Command) => {
      const { dlqDir, recoveredDir } = dirs(flags, loadCliConfig(cmd));
      const overview = await mapErrors(async () => describeDlq(await openDlq(dlqDir, recoveredDir, { missingIsEmpty: flags.dlqDir === undefined })));
      process.stdout.write(flags.json ? `${JSON.stringify(overview)}\n` : formatOverview(dlqDir, overview));
    });
  const recover = dlq
    .command('recover')
    .description('Re-index the signed logs of the DLQ unchanged (tag _ebp_dlq_recovered) and move recovered files to dlq_recovered_dir.')
    .option('--dlq-dir <dir>', 'dead letter queue folder (default: dlq_dir from the configuration)')
    .option('--dlq-recovered-dir <dir>', 'where recovered files go (default: dlq_recovered_dir from the configuration)')
    .option('--batch-size <n>', 'logs per bulk request', parseCount('--batch-size', MAX_BATCH_SIZE), DEFAULT_BATCH_SIZE)
    .option('--json', 'print one JSON object instead of the summary');
  addEsFlags(recover).action(runRecover);
}

async function runRecover(flags: DirFlags & { batchSize: number }, cmd: Command): Promise<void> {
  const config = loadCliConfig(cmd);
  const { dlqDir, recoveredDir } = dirs(flags, config);
  const dlqHandle = await mapErrors(() => openDlq(dlqDir, recoveredDir, { missingIsEmpty: flags.dlqDir === undefined }));
  const client = esClientFromFlags(config, cmd.opts());
  const bar = createProgressBar();
  try {
    const store = createStore(client, { failureMaxRetries: config.failureMaxRetries, failureSleepMsBetweenRetries: config.failureSleepMsBetweenRetries });
    const report = await mapErrors(() =>
      recoverDlq({ dlq: dlqHandle, client, store, batchSize: flags.batchSize, onProgress: (p) => bar.update(path.basename(p.relPath).slice(0, 40), p.done, p.total) }),
    );
    bar.done();
    process.stdout.write(flags.json ? `${JSON.stringify(report)}\n` : formatReport(report, recoveredDir));
    // The summary is on stdout either way; the exit code tells scripts whether anything is left.
    if (report.stoppedBy !== null) throw new CliError('ERR_CLI_FAILED', `recovery stopped: ${report.stoppedBy}`);
    if (!report.complete) throw new CliError('ERR_CLI_FAILED', `the dead letter queue still holds logs to deal with (${leftSummary(report)})`);
  } finally {
    bar.done();
    await client.close().catch(() => undefined);
  }
}

function dirs(flags: DirFlags, config: Config): { dlqDir: string; recoveredDir: string } {
  return { dlqDir: path.resolve(flags.dlqDir ?? config.dlqDir), recoveredDir: path.resolve(flags.dlqRecoveredDir ?? config.dlqRecoveredDir) };
}

/** Library errors are expected failures: one line, exit 1. */
async function mapErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof DlqRecoveryError || err instanceof DlqError) throw new CliError('ERR_CLI_FAILED', err.message, { cause: err });
    throw err;
  }
}

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

function fileLine(f: DlqFileInfo): string {
  const notes = [entries(f.entries)];
  if (f.badLines > 0) notes.push(plural(f.badLines, 'bad line'));
  if (f.tornTail) notes.push('torn last line (kept)');
  const errors = Object.entries(f.errorTypes).map(([k, n]) => `${k}: ${n}`).join(', ');
  return `  ${f.relPath}  ${notes.join(', ')}${errors === '' ? '' : `  [${errors}]`}\n`;
}

function formatOverview(dlqDir: string, o: DlqOverview): string {
  let out = `Dead letter queue ${dlqDir}\n`;
  out += `Signed logs waiting for recovery: ${plural(o.signed.length, 'file')}, ${entries(o.totals.signedEntries)}\n`;
  for (const f of o.signed) out += fileLine(f);
  out += `Rejected area (unsigned logs; never signed retroactively): ${plural(o.rejected.length, 'file')}, ${entries(o.totals.rejectedEntries)}\n`;
  for (const f of o.rejected) out += fileLine(f);
  if (o.archived.length > 0) {
    out += `Archived (archive_dlq, not recovered): ${plural(o.archived.length, 'file')}\n`;
    for (const f of o.archived) out += fileLine(f);
  }
  if (o.unknown.length > 0) {
    out += `Not dead letter queue files (left alone): ${o.unknown.length}\n`;
    for (const u of o.unknown) out += `  ${u.relPath}: ${u.reason}\n`;
  }
  return out;
}

const entries = (n: number): string => `${n.toLocaleString('en-US')} ${n === 1 ? 'entry' : 'entries'}`;

function fileReport(f: FileRecoveryReport, recoveredDir: string): string {
  let out = `${f.relPath}: ${f.recovered} recovered, ${f.alreadyStored} already stored, ${f.failedCount} failed`;
  if (f.badLines > 0) out += `, ${plural(f.badLines, 'bad line')} kept`;
  if (f.tornTail) out += ', torn last line kept';
  switch (f.action) {
    case 'moved':
      out += ` -> moved to ${path.join(recoveredDir, f.recoveredRelPath ?? '')}`;
      break;
    case 'rewritten':
      out += ` -> recovered lines moved to ${path.join(recoveredDir, f.recoveredRelPath ?? '')}; ${f.remainingEntries > 0 ? `${entries(f.remainingEntries)} remain` : 'only the bad or torn lines remain'} in the file`;
      break;
    case 'unchanged':
      out += ' -> file unchanged';
      break;
    case 'changed':
      out += ' -> file left as is: it changed during the recovery (run again; stored logs will count as already stored)';
      break;
    case 'skipped':
      out += ` -> skipped: ${f.problem ?? ''}`;
      break;
  }
  out += '\n';
  for (const x of f.failures) out += `  line ${x.line}${x.iteration === null ? '' : ` (iteration ${x.iteration})`}: ${x.reason}\n`;
  if (f.failedCount > f.failures.length) out += `  … and ${f.failedCount - f.failures.length} more failures\n`;
  return out;
}

function formatReport(r: DlqRecoveryReport, recoveredDir: string): string {
  let out = '';
  for (const f of r.files) out += fileReport(f, recoveredDir);
  for (const rel of r.notAttempted) out += `${rel}: not attempted (recovery stopped)\n`;
  const t = r.totals;
  out += `Recovered ${plural(t.recovered, 'log')} (${t.alreadyStored} already stored) from ${plural(r.files.length, 'file')}`;
  out += r.complete ? '; the dead letter queue holds no signed log any more.\n' : `; left in the dead letter queue: ${leftSummary(r)}.\n`;
  if (r.rejected.entries > 0) out += `Rejected area: ${plural(r.rejected.entries, 'unsigned log')} in ${plural(r.rejected.files, 'file')} not touched (unsigned logs are never signed retroactively).\n`;
  return out;
}

function leftSummary(r: DlqRecoveryReport): string {
  const t = r.totals;
  const parts: string[] = [];
  if (t.remainingEntries > 0) parts.push(entries(t.remainingEntries));
  if (t.badLines > 0) parts.push(plural(t.badLines, 'bad line'));
  if (t.tornFiles > 0) parts.push(`${plural(t.tornFiles, 'file')} with a torn last line`);
  const other = r.files.filter((f) => f.action === 'changed' || f.action === 'skipped').length + r.notAttempted.length;
  if (other > 0) parts.push(`${plural(other, 'file')} not recovered`);
  return parts.join(', ');
}

import type { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { wipeKey } from '../../chain';
import { acknowledgeRange, readKeyFile } from '../../verify';
import { actorName, flagOrPrompt } from '../ask-text';
import { auditCliAction } from '../audit-cli-action';
import { CliError } from '../cli-error';
import { addEsFlags, esClientFromFlags } from '../es-flags';
import { loadCliConfig } from '../load-cli-config';
import { mapVerifyError } from '../map-verify-error';
import { parseCount } from '../parse-count';
import { parseNameComponent, parseRfc3339 } from '../parse-flags';
import { createProgressBar } from '../progress-bar';

interface Flags {
  tenant: string;
  retention: string;
  tag: string;
  keyFile: string;
  module?: string;
  from: number;
  to: number;
  batchSize: number;
  concurrentBatches: number;
  description?: string;
  reason?: string;
  actor?: string;
  json?: boolean;
}

/**
 * `signet acknowledge-range` (reference §6.4): verifies the logs signed in [--from, --to) and
 * acknowledges every corruption found there. Reads with the `--es-read-*` credentials and writes
 * with `--es-write-*` when given (El Proxy's separate verify and Acknowledge certificates).
 */
export function registerAcknowledgeRange(program: Command): void {
  const cmd = program
    .command('acknowledge-range')
    .description('Acknowledges all the corruptions in a blockchain given a time range.')
    .requiredOption('--tenant <tenant>', 'customer (tenant) of the chain', parseNameComponent('--tenant'))
    .requiredOption('--retention <retention>', 'retention of the chain', parseNameComponent('--retention'))
    .requiredOption('--tag <tag>', 'blockchain tag of the chain', parseNameComponent('--tag'))
    .requiredOption('--key-file <file>', 'the file that contains the iteration 0 signature key')
    .requiredOption('--from <rfc3339>', 'start of the range, inclusive (the last log signed before it is the starting point)', parseRfc3339('--from'))
    .requiredOption('--to <rfc3339>', 'end of the range, exclusive', parseRfc3339('--to'))
    .option('--module <module>', 'module of the chain (default: module from the configuration)', parseNameComponent('--module'))
    .option('--batch-size <n>', 'logs read per request', parseCount('--batch-size', 10_000), 500)
    .option('--concurrent-batches <n>', 'batches verified in parallel (worker threads)', parseCount('--concurrent-batches', 64), 2)
    .option('--description <text>', 'what happened (prompted on a terminal when absent)')
    .option('--reason <text>', 'why it is acceptable (prompted on a terminal when absent)')
    .option('--actor <name>', 'who acknowledges (default: the OS user)')
    .option('--json', 'print the outcome as one JSON object');
  addEsFlags(cmd);
  addEsFlags(cmd, 'es-read');
  addEsFlags(cmd, 'es-write');
  cmd.action(async (flags: Flags, c: Command) => {
    const bar = createProgressBar();
    try {
      const config = loadCliConfig(c);
      if (!(flags.from < flags.to)) throw new CliError('ERR_CLI_USAGE', '--from must be earlier than --to');
      const key0 = readKeyFile(flags.keyFile);
      const readClient = esClientFromFlags(config, c.opts(), ['es', 'es-read']);
      const writeClient = esClientFromFlags(config, c.opts(), ['es', 'es-write']);
      const workerFile = path.join(__dirname, 'verify-check-worker.cjs');
      try {
        const description = await flagOrPrompt(flags.description, '--description', 'Description');
        const reason = await flagOrPrompt(flags.reason, '--reason', 'Reason');
        const r = await acknowledgeRange({
          client: readClient,
          writeClient,
          chain: { module: flags.module ?? config.module, customer: flags.tenant, retention: flags.retention, tag: flags.tag },
          key0,
          fromMs: flags.from,
          toMs: flags.to,
          description,
          reason,
          actor: actorName(flags.actor),
          nowMs: Date.now(),
          workerFile: fs.existsSync(workerFile) ? workerFile : null,
          batchSize: flags.batchSize,
          concurrentBatches: flags.concurrentBatches,
          onProgress: (done) => bar.update('verifying', done, done),
        });
        bar.done();
        const o = r.outcome;
        await auditCliAction(writeClient, actorName(flags.actor), {
          action: 'acknowledge',
          target: r.index,
          outcome: o.failed.length > 0 ? 'failure' : 'success',
          details: { range: true, corruptions: r.corruptions, acknowledged: o.created.length, already_acknowledged: o.alreadyAcknowledged.length, failed: o.failed.length },
        });
        if (flags.json) {
          process.stdout.write(JSON.stringify({ chain: r.chain, index: r.index, from_iteration: r.fromIteration, to_iteration: r.toIteration, corruptions: r.corruptions, acknowledged: o.created, already_acknowledged: o.alreadyAcknowledged, failed: o.failed }) + '\n');
        } else {
          const range = r.toIteration === null ? `from iteration ${r.fromIteration}` : `iterations ${r.fromIteration} to ${r.toIteration}`;
          process.stdout.write(`Verified ${range} of ${r.chain}: ${r.corruptions} corruption(s); acknowledged ${o.created.length}, already acknowledged ${o.alreadyAcknowledged.length}, failed ${o.failed.length} (index ${r.index}).\n`);
          for (const id of o.created) process.stdout.write(`  acknowledged CorruptionId: ${id}\n`);
          for (const f of o.failed) process.stderr.write(`signet: could not acknowledge ${f.corruptionId}: ${f.reason}\n`);
        }
        if (o.failed.length > 0) throw new CliError('ERR_CLI_FAILED', `${o.failed.length} acknowledgement(s) could not be written`);
      } finally {
        wipeKey(key0);
        bar.done();
        await Promise.all([readClient.close(), writeClient.close()]);
      }
    } catch (err) {
      mapVerifyError(err, 1);
    }
  });
}

import type { Command } from 'commander';
import os from 'node:os';
import { runCpuBench, type CpuBenchResult } from '../../verify-workers';
import { CliError } from '../cli-error';
import { parseCount } from '../parse-count';
import { createProgressBar } from '../progress-bar';

interface Flags {
  batchSize: number;
  nLogs: number;
  logSize: number;
  concurrentBatches: number;
  json?: boolean;
}

/** `signet verify-cpu-bench`: El Proxy's hardware benchmark for verification (reference §6.2). */
export function registerVerifyCpuBench(program: Command): void {
  program
    .command('verify-cpu-bench')
    .description('Benchmark the underlying hardware for verification (worker threads, synthetic signed logs).')
    .option('--batch-size <n>', 'logs per batch', parseCount('--batch-size', 1_000_000), 1000)
    .option('--n-logs <n>', 'number of logs to verify', parseCount('--n-logs', 100_000_000), 1_000_000)
    .option('--log-size <kb>', 'size of each log in KB', parseCount('--log-size', 1024, true), 1)
    .option('--concurrent-batches <n>', 'batches verified in parallel (worker threads)', parseCount('--concurrent-batches', 256), 2)
    .option('--json', 'print one JSON object instead of the summary')
    .action(async (flags: Flags) => {
      const bar = createProgressBar();
      let result: CpuBenchResult;
      try {
        result = await runCpuBench({
          nLogs: flags.nLogs,
          batchSize: flags.batchSize,
          logSizeKb: flags.logSize,
          concurrentBatches: flags.concurrentBatches,
          workerDir: __dirname,
          onProgress: (p) => bar.update(p.phase === 'generate' ? 'generating' : 'verifying', p.done, p.total),
        });
      } finally {
        bar.done();
      }
      if (flags.json) process.stdout.write(JSON.stringify(result) + '\n');
      else process.stdout.write(summary(result));
      if (result.errors > 0) throw new CliError('ERR_CLI_FAILED', `verification reported ${result.errors} errors on a chain it generated itself: this build is broken`);
    });
}

function summary(r: CpuBenchResult): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    `Signet verify-cpu-bench: ${n(r.n_logs)} logs of ${r.log_size_kb} KB, batches of ${n(r.batch_size)}, ${r.concurrent_batches} concurrent batches (worker threads)`,
    `  CPU: ${r.cpu_model} (${r.cpus} logical CPUs, ${os.arch()})`,
    `  prepared the signed chain in ${r.generate_seconds} s (not counted)`,
    `  verified ${n(r.n_logs)} logs in ${r.verify_seconds} s: ${n(r.logs_per_s)} logs/s, ${r.mb_per_s} MB/s (${n(r.logs_per_s_per_thread)} logs/s per thread)`,
    `  errors found: ${r.errors} (expected 0)`,
    '',
  ].join('\n');
}

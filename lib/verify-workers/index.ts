/**
 * lib/verify-workers — verification work spread over worker threads.
 *
 * Contract: I/O module (threads, CSPRNG for benchmark keys). The per-log work itself is
 * lib/chain's (pure); this module only distributes it. `verify-worker.ts` is the worker entry,
 * bundled to dist/cli/verify-worker.cjs next to the CLI.
 */
export { runCpuBench, type CpuBenchOptions, type CpuBenchResult } from './run-cpu-bench';
export { syntheticLog } from './synthetic-log';

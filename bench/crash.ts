/**
 * Crash-safety benchmark (`npm run bench:crash`, SPEC §6): the scenario of
 * lib/serve/crash.int.test.ts with 200 kills. `signet serve --no-console` (embedded store in its
 * child process) is killed with SIGKILL at random moments while a Logstash-like client keeps
 * sending batches (each mixing two chains) and re-sends every batch it got no 200 for; then the
 * chains are read back and verified with lib/chain. Progress goes to stderr; the last stdout line
 * is one JSON object, and the exit status is 1 unless every check passed.
 *
 * Environment: BENCH_KILLS (default 200), BENCH_BATCH (logs per batch, default 25),
 * BENCH_WORKERS (concurrent client batches, default 3).
 */
import { runCrashScenario } from '../lib/serve/__fixtures__/crash-harness';

const KILLS = Number(process.env.BENCH_KILLS ?? 200);
const BATCH = Number(process.env.BENCH_BATCH ?? 25);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 3);

function log(msg: string): void {
  process.stderr.write(`[bench:crash] ${msg}\n`);
}

async function main(): Promise<number> {
  log(`${KILLS} SIGKILLs of signet serve under a re-sending client (${WORKERS} workers, batches of ${BATCH} logs)`);
  const t0 = Date.now();
  let r;
  try {
    r = await runCrashScenario({ kills: KILLS, batchSize: BATCH, workers: WORKERS, log });
  } catch (err) {
    // A chain that stays blocked or a service that does not restart is a failed run, not a crash of the bench.
    log(`FAILED: ${(err as Error).message}`);
    process.stdout.write(`${JSON.stringify({ kills: KILLS, error: (err as Error).message.split('\n')[0], seconds: Math.round((Date.now() - t0) / 100) / 10, ok: false })}\n`);
    return 1;
  }
  for (const e of r.verifyErrors.slice(0, 20)) log(`verify: ${e}`);
  log(`refusals seen by the client: ${JSON.stringify(r.refusals)}`);
  const ok =
    r.batchesAcked === r.batchesSent &&
    r.verifyErrors.length === 0 &&
    r.iterations === r.storedDocs + r.dlqDocs &&
    r.missingAcked === 0 &&
    r.duplicatedWithoutResend === 0;
  const result = {
    kills: r.kills,
    batches_sent: r.batchesSent,
    batches_acked: r.batchesAcked,
    resends: r.resends,
    batches_resent: r.batchesResent,
    logs_acked: r.logsAcked,
    chains: r.chains,
    stored_docs: r.storedDocs,
    dlq_docs: r.dlqDocs,
    iterations: r.iterations,
    missing_acked: r.missingAcked,
    duplicated_logs: r.duplicatedLogs,
    duplicated_without_resend: r.duplicatedWithoutResend,
    verify_errors: r.verifyErrors.length,
    seconds: r.seconds,
    ok,
  };
  log(ok ? 'OK: the chain verifies, nothing acknowledged is missing, duplicates only from re-sent batches' : 'FAILED: see the figures');
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    log(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  },
);

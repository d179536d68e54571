// SPEC §6 crash safety: `signet serve` (with its embedded store in a child process, which
// exits by itself when its parent dies, and whose lock the next start waits for) is killed
// with SIGKILL at random moments while a Logstash-like client keeps sending and re-sends every
// batch it got no 200 for; every batch mixes two chains. Afterwards lib/chain must find both
// chains whole, and every log the client got a 200 for must be stored. bench/crash.ts runs the same scenario with 200 kills.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli } from './__fixtures__/bundle-cli';
import { runCrashScenario, type CliEntry } from './__fixtures__/crash-harness';

const KILLS = 20;
const BATCH = 25;

describe('signet serve survives SIGKILL at any moment', () => {
  let cli: (CliEntry & { dispose(): void }) | null = null;
  beforeAll(async () => {
    cli = await bundleCli();
  });
  afterAll(() => cli?.dispose());

  it(`${KILLS} kills: no missing or duplicate iteration, every hash links, every acknowledged log stored`, async () => {
    const r = await runCrashScenario({ kills: KILLS, batchSize: BATCH, workers: 3, cli: cli as CliEntry });
    console.info(`crash test: ${JSON.stringify(r)}`);

    expect(r.kills).toBe(KILLS);
    expect(r.chains).toBe(2);
    // The client ended with every batch acknowledged (it re-sends until it gets a 200).
    expect(r.batchesAcked).toBe(r.batchesSent);
    expect(r.logsAcked).toBe(r.batchesAcked * BATCH);
    // The kills hit work in progress: some batches had to be re-sent.
    expect(r.resends).toBeGreaterThan(0);
    // lib/chain: iterations 0…head-1 all present, once each, every MAC and link valid.
    expect(r.verifyErrors).toEqual([]);
    expect(r.iterations).toBe(r.storedDocs + r.dlqDocs);
    expect(r.iterations).toBeGreaterThanOrEqual(r.logsAcked);
    // Nothing acknowledged is lost; a log is stored twice only because its batch was re-sent.
    expect(r.missingAcked).toBe(0);
    expect(r.duplicatedWithoutResend).toBe(0);
  }, 600_000);
});

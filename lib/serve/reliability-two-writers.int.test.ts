// One writer per chain across processes (SPEC §2, §6): a second `signet serve` started by mistake
// on the same data and store must not sign a chain the first one writes — both would sign the same
// iterations (a fork of the chain).
// It answers 503 for that chain (Logstash retries) and serves the chains nobody else holds.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServe, type RunningServe } from './__fixtures__/crash-harness';
import { iterationsOf, makeLogs, range, seqsOf, startHarness, testChain, type Harness } from './__fixtures__/reliability-harness';

const A = testChain('first');
const B = testChain('second');

describe('two Signet processes on the same data', () => {
  let h: Harness;
  let other: RunningServe | null = null;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    if (other !== null && other.child.exitCode === null && other.child.signalCode === null) {
      const exited = new Promise((r) => other?.child.once('exit', r));
      other.child.kill('SIGTERM');
      await exited;
    }
    other = null;
    await h.close();
  });

  it('the second one refuses the first one\'s chain with 503 naming its pid, and serves another chain', async () => {
    expect((await h.post(makeLogs(A, [0, 1]))).status).toBe(200);
    other = await startServe(path.join(h.dir, 'config'));
    const post = async (logs: unknown[]) => {
      const res = await fetch(`${other?.url}/api/log_batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(logs) });
      return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await post(makeLogs(A, [2, 3]));
      expect(refused.status).toBe(503);
      expect(refused.body.error?.code).toBe('ERR_CHAINS_BLOCKED');
      expect(refused.body.error?.message).toMatch(new RegExp(`chain ${A.name} is written by another Signet process on this machine \\(process ${process.pid} holds its lock\\)`));
    }
    // A chain nobody else writes is served by the second process.
    expect((await post(makeLogs(B, [0, 1, 2]))).status).toBe(200);
    // The first process goes on with its chain, iterations unbroken and each stored once.
    expect((await h.post(makeLogs(A, [2, 3]))).status).toBe(200);
    const docs = (await h.storedDocs(A)).map((d) => d.source);
    expect(iterationsOf(docs)).toEqual(range(0, 4));
    expect(seqsOf(docs)).toEqual(range(0, 4));
    expect(h.verify(A, docs).errors).toEqual([]);
    expect(iterationsOf((await h.storedDocs(B)).map((d) => d.source))).toEqual(range(0, 3));
  });
});

// key_save_interval_ms end to end (configuration → chain writer): how soon after a delivery the
// key file moves, and that closing the service saves the head that waits.
import { afterEach, describe, expect, it } from 'vitest';
import { makeLogs, range, startHarness, testChain, type Harness } from './__fixtures__/reliability-harness';

const A = testChain('keysave');

describe('key_save_interval_ms', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('0: the key file is saved after every delivery, before the answer (El Proxy)', async () => {
    h = await startHarness({ keySaveIntervalMs: 0 });
    expect((await h.post(makeLogs(A, range(0, 3)))).status).toBe(200);
    expect(h.keyIteration(A)).toBe(3);
    expect((await h.post(makeLogs(A, range(3, 2)))).status).toBe(200);
    expect(h.keyIteration(A)).toBe(5);
    expect((await h.metrics()).value('signet_chain_outbox_pending', { chain: A.name })).toBe(0);
  });

  it('10 s: a delivery soon after a save is answered with the save still waiting; closing saves it', async () => {
    h = await startHarness({ keySaveIntervalMs: 10_000 });
    expect((await h.post(makeLogs(A, range(0, 3)))).status).toBe(200);
    expect(h.keyIteration(A)).toBe(3); // the first save is not delayed
    expect((await h.post(makeLogs(A, range(3, 2)))).status).toBe(200);
    expect(h.keyIteration(A)).toBe(3);
    const m = await h.metrics();
    expect(m.value('signet_chain_iteration', { chain: A.name })).toBe(5);
    expect(m.value('signet_chain_outbox_pending', { chain: A.name })).toBe(1); // delivered, not yet covered by the key file
    await h.signet.close();
    expect(h.keyIteration(A)).toBe(5);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { keyFromHex } from '../chain';
import { ChainWriter } from './chain-writer';
import { ChainOutbox } from './outbox';
import { ID, K0, log, makeDeps } from './__fixtures__/fake-ports';

// The writer pipelines group commits: while one delivery runs, the next commits are signed and
// written to the outbox, and all of them go in the next delivery. These tests hold a delivery open
// to observe that, and check the rules that keep it safe: deliveries never overlap and stay in
// order, the key file never runs ahead of what was delivered, and a failed delivery takes every
// never-sent later commit with it.

const key0 = () => keyFromHex(K0);
const logs = (from: number, n: number) => Array.from({ length: n }, (_, i) => log(from + i));
/** Waits until `cond` holds (a commit's outbox record is written: its sign step ended). */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !cond(); waited += 10) {
    if (waited > 5000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
function gate() {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
}
function outboxText(dir: string): string {
  return fs.readFileSync(path.join(dir, 'acme', 'elproxysigned-acme-6_months-0.outbox'), 'latin1');
}

describe('ChainWriter: pipelined commits', () => {
  it('signs and writes the next commits to the outbox while the previous one is delivered, then sends them in one _bulk', async () => {
    const { deps, store, keys, outboxDir } = makeDeps();
    store.watchKeys = keys;
    const w = new ChainWriter(ID, deps);
    await w.submit(logs(0, 1)); // creates the chain
    const g = gate();
    store.hold = g.p;
    const a = w.submit(logs(1, 2));
    await until(() => store.deliveries === 2, 'the delivery of a');
    const b = w.submit(logs(3, 3));
    await until(() => w.status().iteration === 6, 'b signed');
    const c = w.submit(logs(6, 1));
    await until(() => w.status().iteration === 7, 'c signed');
    // b and c are signed (iterations 3..5 and 6), each durable in the outbox, before a's delivery ends.
    expect(outboxText(outboxDir)).toContain('"first_iteration":3,"count":3');
    expect(outboxText(outboxDir)).toContain('"first_iteration":6,"count":1');
    expect(store.deliveries).toBe(2); // the first commit, and a (held); b and c wait for a
    store.hold = null;
    g.open();
    expect(await a).toEqual({ indexed: 2, dlq: 0 });
    expect(await b).toEqual({ indexed: 3, dlq: 0 });
    expect(await c).toEqual({ indexed: 1, dlq: 0 });
    expect(store.maxActive).toBe(1);
    expect(store.sizes).toEqual([1, 2, 4]); // b and c in one request (the fake checks its body)
    // The key file at each delivery's start: never beyond what had been delivered before it (its
    // save may still run when the next delivery starts).
    const deliveredBefore = [0, 1, 3];
    store.keysSeen.forEach((k, i) => expect(k).toBeLessThanOrEqual(deliveredBefore[i] as number));
    expect(keys.files.get('elproxysigned-acme-6_months-0')?.iteration).toBe(7);
    expect(store.verify(key0()).errors).toEqual([]);
    expect(w.status()).toMatchObject({ queuedLogs: 0, pendingOutbox: 0 });
    await w.close();
  });

  it('a delivery that stores nothing discards every commit signed after it, latest first; all are signed again', async () => {
    const { deps, store, keys, outboxDir } = makeDeps();
    const w = new ChainWriter(ID, deps);
    await w.submit(logs(0, 2));
    const g = gate();
    store.hold = g.p;
    store.script.push(() => ({ outcome: 'not_indexed', error: { type: 'connection_error', reason: 'connect ECONNREFUSED' } }));
    const a = w.submit(logs(2, 2));
    await until(() => store.deliveries === 2, 'the delivery of a');
    const b = w.submit(logs(4, 2));
    await until(() => w.status().iteration === 6, 'b signed');
    const c = w.submit(logs(6, 3));
    await until(() => w.status().iteration === 9, 'c signed');
    store.hold = null;
    g.open();
    // All settle in one go: their callers (the ingest service) await them at once too.
    const [ra, rb, rc] = await Promise.allSettled([a, b, c]);
    expect(ra).toMatchObject({ status: 'rejected', reason: { code: 'ERR_CHAINS_UNAVAILABLE', status: 503 } });
    for (const r of [rb, rc]) expect(r).toMatchObject({ status: 'rejected', reason: { code: 'ERR_CHAINS_UNAVAILABLE', message: expect.stringContaining('an earlier batch') } });
    expect(store.deliveries).toBe(2); // b and c were never sent
    // Discard marks written latest first: a crash in between never leaves an earlier record
    // discarded behind a pending later one.
    const marks = [...outboxText(outboxDir).matchAll(/^X \{"seq":(\d+)\}$/gm)].map((m) => Number(m[1]));
    expect(marks).toEqual([4, 3, 2]);
    expect(w.status()).toMatchObject({ iteration: 2, queuedLogs: 0, pendingOutbox: 0 });
    expect(keys.files.get('elproxysigned-acme-6_months-0')?.iteration).toBe(2);
    expect(await w.submit(logs(2, 7))).toEqual({ indexed: 7, dlq: 0 });
    expect(store.verify(key0()).errors).toEqual([]);
    await w.close();
  });

  it('a delivery whose failed items cannot reach the DLQ keeps its record and discards the next commit; both recover', async () => {
    const { deps, store, dlq } = makeDeps();
    const w = new ChainWriter(ID, deps);
    await w.submit(logs(0, 1));
    const g = gate();
    store.hold = g.p;
    store.failItem = (it) => (it.docText.includes('"log 2"') ? { type: 'document_parsing_exception', reason: 'mapping conflict' } : null);
    dlq.fail = true;
    const a = w.submit(logs(1, 2)); // log 1 indexed, log 2 fails and cannot go to the DLQ
    await until(() => store.deliveries === 2, 'the delivery of a');
    const b = w.submit(logs(3, 1));
    await until(() => w.status().iteration === 4, 'b signed');
    store.hold = null;
    g.open();
    const [ra, rb] = await Promise.allSettled([a, b]);
    expect(ra).toMatchObject({ status: 'rejected', reason: { code: 'ERR_CHAINS_DLQ' } });
    expect(rb).toMatchObject({ status: 'rejected', reason: { code: 'ERR_CHAINS_UNAVAILABLE' } });
    expect(w.status()).toMatchObject({ iteration: 3, stuck: true });
    dlq.fail = false;
    store.failItem = null;
    expect(await w.submit(logs(3, 1))).toEqual({ indexed: 1, dlq: 0 });
    expect(dlq.entries).toHaveLength(1);
    expect(store.verify(key0(), dlq.entries.map((e) => e.documentText)).errors).toEqual([]);
    expect(w.status()).toMatchObject({ iteration: 4, stuck: false, pendingOutbox: 0 });
    await w.close();
  });
});

describe('ChainWriter: after a delivery', () => {
  it('deliveries that end while a key-file save runs share the next save; their callers are answered after it', async () => {
    const { deps, store, keys, outboxDir } = makeDeps();
    const w = new ChainWriter(ID, deps);
    await w.submit(logs(0, 1)); // creates the chain; saved at iteration 1
    const g = gate();
    keys.holdSave = g.p;
    const answered: string[] = [];
    const a = w.submit(logs(1, 2)).then((r) => (answered.push(`a after saves ${keys.saved.join(',')}`), r));
    await until(() => store.deliveries === 2, 'the delivery of a');
    const b = w.submit(logs(3, 1)).then((r) => (answered.push(`b after saves ${keys.saved.join(',')}`), r));
    await until(() => store.deliveries === 3, 'the delivery of b');
    const c = w.submit(logs(4, 2)).then((r) => (answered.push(`c after saves ${keys.saved.join(',')}`), r));
    await until(() => store.deliveries === 4, 'the delivery of c');
    // All three are stored; none is answered while a's save is held.
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toEqual([]);
    keys.holdSave = null;
    g.open();
    expect(await Promise.all([a, b, c])).toEqual([{ indexed: 2, dlq: 0 }, { indexed: 1, dlq: 0 }, { indexed: 2, dlq: 0 }]);
    // One save for a (iteration 3), then ONE for b and c together (6): not one for b at 4 too.
    expect(keys.saved).toEqual([1, 3, 6]);
    expect(answered).toEqual(['a after saves 1,3', 'b after saves 1,3,6', 'c after saves 1,3,6']);
    expect(store.sizes).toEqual([1, 2, 1, 2]);
    // Every record is marked delivered by the shared save.
    for (const seq of [1, 2, 3, 4]) expect(outboxText(outboxDir)).toContain(`D {"seq":${seq}}`);
    expect(w.status()).toMatchObject({ iteration: 6, queuedLogs: 0, pendingOutbox: 0 });
    expect(store.verify(key0()).errors).toEqual([]);
    await w.close();
  });

  it('a "delivered" mark that cannot be written still answers 200 (the logs are stored) and is written after the next delivery', async () => {
    const { deps, store, outboxDir } = makeDeps();
    const w = new ChainWriter(ID, deps);
    await w.submit(logs(0, 1)); // record 1
    const markDone = vi.spyOn(ChainOutbox.prototype, 'markDone').mockRejectedValueOnce(new Error('EIO: i/o error'));
    expect(await w.submit(logs(1, 2))).toEqual({ indexed: 2, dlq: 0 }); // record 2: stored, its mark failed
    expect(w.status().pendingOutbox).toBe(1);
    expect(outboxText(outboxDir)).not.toContain('D {"seq":2}');
    markDone.mockRestore();
    expect(await w.submit(logs(3, 1))).toEqual({ indexed: 1, dlq: 0 }); // record 3
    // Record 2 is marked with record 3 (a restart would otherwise deliver it again: harmless, but noise).
    expect(outboxText(outboxDir)).toContain('D {"seq":2}');
    expect(w.status().pendingOutbox).toBe(0);
    expect(store.verify(key0()).errors).toEqual([]);
    await w.close();
  });
});

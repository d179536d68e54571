import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFromHex } from '../chain';
import { ChainWriter } from './chain-writer';
import { ID, K0, log, makeDeps } from './__fixtures__/fake-ports';

// The writer pipelines group commits two deep: commit k+1 is signed and written to the outbox
// while commit k is being delivered. These tests hold a delivery open to observe that, and check
// the rules that keep it safe: deliveries never overlap and stay in order, the key file never
// runs ahead of what was delivered, and a failed delivery takes the never-sent next commit with it.

const key0 = () => keyFromHex(K0);
const logs = (from: number, n: number) => Array.from({ length: n }, (_, i) => log(from + i));
const tick = () => new Promise((r) => setTimeout(r, 20));
function gate() {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
}
function outboxText(dir: string): string {
  return fs.readFileSync(path.join(dir, 'acme', 'elproxysigned-acme-6_months-0.outbox'), 'latin1');
}

describe('ChainWriter: pipelined commits', () => {
  it('signs and writes the next commit to the outbox while the previous one is delivered, one delivery at a time', async () => {
    const { deps, store, keys, outboxDir } = makeDeps();
    store.watchKeys = keys;
    const w = new ChainWriter(ID, deps);
    await w.submit(logs(0, 1)); // creates the chain
    const g = gate();
    store.hold = g.p;
    const a = w.submit(logs(1, 2));
    await tick();
    const b = w.submit(logs(3, 3));
    await tick();
    // b is signed (iterations 3..5) and durable in the outbox before a's delivery ends.
    expect(outboxText(outboxDir)).toContain('"first_iteration":3,"count":3');
    expect(store.deliveries).toBe(2); // the first commit, and a (held); b waits for a
    store.hold = null;
    g.open();
    expect(await a).toEqual({ indexed: 2, dlq: 0 });
    expect(await b).toEqual({ indexed: 3, dlq: 0 });
    expect(store.maxActive).toBe(1);
    // The key file at each delivery's start: never beyond what had been delivered before it.
    expect(store.keysSeen).toEqual([0, 1, 3]);
    expect(keys.files.get('elproxysigned-acme-6_months-0')?.iteration).toBe(6);
    expect(store.verify(key0()).errors).toEqual([]);
    expect(w.status()).toMatchObject({ queuedLogs: 0, pendingOutbox: 0 });
    await w.close();
  });

  it('a delivery that stores nothing rolls back its commit and discards the next one, which was never sent', async () => {
    const { deps, store, keys, outboxDir } = makeDeps();
    const w = new ChainWriter(ID, deps);
    await w.submit(logs(0, 2));
    const g = gate();
    store.hold = g.p;
    store.script.push(() => ({ outcome: 'not_indexed', error: { type: 'connection_error', reason: 'connect ECONNREFUSED' } }));
    const a = w.submit(logs(2, 2));
    await tick();
    const b = w.submit(logs(4, 2));
    await tick();
    expect(outboxText(outboxDir)).toContain('"first_iteration":4,"count":2');
    store.hold = null;
    g.open();
    // Both settle in one go: their callers (the ingest service) await them at once too.
    const [ra, rb] = await Promise.allSettled([a, b]);
    expect(ra).toMatchObject({ status: 'rejected', reason: { code: 'ERR_CHAINS_UNAVAILABLE', status: 503 } });
    expect(rb).toMatchObject({ status: 'rejected', reason: { code: 'ERR_CHAINS_UNAVAILABLE', message: expect.stringContaining('an earlier batch') } });
    expect(store.deliveries).toBe(2); // b was never sent
    expect(w.status()).toMatchObject({ iteration: 2, queuedLogs: 0, pendingOutbox: 0 });
    expect(keys.files.get('elproxysigned-acme-6_months-0')?.iteration).toBe(2);
    // Re-sent, both get the same iterations again and the chain links.
    expect(await w.submit(logs(2, 4))).toEqual({ indexed: 4, dlq: 0 });
    expect(store.verify(key0()).errors).toEqual([]);
    expect([...store.docs.keys()]).toHaveLength(6);
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
    await tick();
    const b = w.submit(logs(3, 1));
    await tick();
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

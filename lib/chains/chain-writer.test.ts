import { describe, expect, it } from 'vitest';
import { compileFieldSelector, ErrorCode } from '../chain';
import { ChainWriter } from './chain-writer';
import { ID, K0, makeDeps } from './__fixtures__/fake-ports';
import { key0, logs, orphanLock } from './__fixtures__/writer-helpers';

describe('ChainWriter: the normal path', () => {
  it('signs, stores, saves the key file and backs up key 0', async () => {
    const { deps, keys, store } = makeDeps();
    const w = new ChainWriter(ID, deps);
    expect(await w.submit(logs(0, 3))).toEqual({ indexed: 3, dlq: 0 });
    expect(await w.submit(logs(3, 2))).toEqual({ indexed: 2, dlq: 0 });
    expect([...store.docs.keys()]).toEqual([0, 1, 2, 3, 4].map((i) => `elproxysigned-acme-6_months-0-${i}`));
    expect(keys.files.get('elproxysigned-acme-6_months-0')?.iteration).toBe(5);
    expect(keys.backups.get('elproxysigned-acme-6_months-0')).toBe(K0);
    expect(store.verify(key0()).errors).toEqual([]);
    // The stored document is the received text with ES_BLOCKCHAIN appended.
    expect(store.docs.get('elproxysigned-acme-6_months-0-1')).toMatch(/^\{"message":"log 1","n":1,"ES_BLOCKCHAIN":\{"fields":\{"message":"log 1"\}/);
    expect(w.status()).toMatchObject({ state: 'ready', iteration: 5, queuedLogs: 0, pendingOutbox: 0 });
    await w.close();
  });

  it('commits concurrent requests together (group commit) and keeps their order', async () => {
    const { deps, store } = makeDeps();
    const w = new ChainWriter(ID, deps);
    const results = await Promise.all([w.submit(logs(0, 2)), w.submit(logs(2, 3)), w.submit(logs(5, 1)), w.submit([])]);
    expect(results).toEqual([{ indexed: 2, dlq: 0 }, { indexed: 3, dlq: 0 }, { indexed: 1, dlq: 0 }, { indexed: 0, dlq: 0 }]);
    expect(store.deliveries).toBe(2); // the first request alone, then the three queued behind it together
    expect(store.docs.get('elproxysigned-acme-6_months-0-5')).toContain('"message":"log 5"');
    expect(store.verify(key0()).errors).toEqual([]);
    await w.close();
  });

  it('refuses beyond message_queue_size logs with 429, before signing', async () => {
    const { deps } = makeDeps({ maxQueuedLogs: 4 });
    const w = new ChainWriter(ID, deps);
    const first = w.submit(logs(0, 3));
    await expect(w.submit(logs(3, 2))).rejects.toMatchObject({ code: 'ERR_CHAINS_QUEUE_FULL', status: 429 });
    await first;
    expect(await w.submit(logs(3, 4))).toEqual({ indexed: 4, dlq: 0 });
    // A request larger than the whole queue can never fit: the message says what to change.
    await expect(w.submit(logs(7, 5))).rejects.toMatchObject({ status: 429, message: 'the request holds 5 logs for chain elproxysigned-acme-6_months-0, more than its queue ever takes (message_queue_size 4); raise message_queue_size or send smaller batches' });
    await w.close();
    await expect(w.submit(logs(0, 1))).rejects.toMatchObject({ code: 'ERR_CHAINS_CLOSED' });
  });
});

describe('ChainWriter: canonical fields computed at ingest', () => {
  it('signs the given canonical text while its selector is the one in force, and selects again otherwise', async () => {
    const inForce = compileFieldSelector(['message']);
    const { deps, store } = makeDeps({ selector: () => inForce });
    const w = new ChainWriter(ID, deps);
    const raw = (i: number) => `{"message":"log ${i}","n":${i}}`;
    const base = { dataStream: 'filebeat-8.13.4-elproxysigned-acme-6_months-0', pipeline: null };
    await w.submit([
      // Same selector: the text is used as given (here deliberately not what selection would give).
      { ...base, raw: raw(0), canonical: { text: '{"n":0}', selector: inForce } },
      // Computed with a replaced list: selected again from its text, as is a log without one.
      { ...base, raw: raw(1), canonical: { text: '{"n":1}', selector: compileFieldSelector(['n']) } },
      { ...base, raw: raw(2), canonical: { text: '{"n":2}', selector: compileFieldSelector(['n', 'message']) } },
      { ...base, raw: raw(3) },
    ]);
    const fields = [0, 1, 2, 3].map((i) => (JSON.parse(store.docs.get(`elproxysigned-acme-6_months-0-${i}`) as string) as { ES_BLOCKCHAIN: { fields: unknown } }).ES_BLOCKCHAIN.fields);
    expect(fields).toEqual([{ n: 0 }, { message: 'log 1' }, { message: 'log 2' }, { message: 'log 3' }]);
    expect(store.verify(key0()).errors).toEqual([]);
    // A log whose text cannot be signed fails its commit (ingest refuses such logs before this).
    await expect(w.submit([{ ...base, raw: '[1]' }])).rejects.toThrow(/log 0: a log must be a JSON object/);
    await w.close();
  });
});

describe('ChainWriter: failures', () => {
  it('store unreachable: 503, nothing stored, head rolled back, the same iterations signed on re-send', async () => {
    const { deps, store, keys } = makeDeps();
    const w = new ChainWriter(ID, deps);
    await w.submit(logs(0, 2));
    store.up = false;
    await expect(w.submit(logs(2, 2))).rejects.toMatchObject({ code: 'ERR_CHAINS_UNAVAILABLE', status: 503 });
    expect(w.status().iteration).toBe(2);
    // Circuit breaker: while the store is down, nothing is signed at all.
    const before = store.deliveries;
    await expect(w.submit(logs(2, 2))).rejects.toMatchObject({ status: 503 });
    expect(store.deliveries).toBe(before);
    store.up = true;
    expect(await w.submit(logs(2, 2))).toEqual({ indexed: 2, dlq: 0 });
    expect(keys.files.get('elproxysigned-acme-6_months-0')?.iteration).toBe(4);
    const r = store.verify(key0());
    expect(r.errors).toEqual([]);
    expect(r.nextIteration).toBe(4);
    await w.close();
  });

  it('uncertain outcome: the unconfirmed logs go to the DLQ, 200, and the chain stays whole', async () => {
    const { deps, store, dlq } = makeDeps();
    const w = new ChainWriter(ID, deps);
    store.script.push(() => ({ outcome: 'uncertain', error: { type: 'timeout_error', reason: 'Request timed out' } }));
    expect(await w.submit(logs(0, 3))).toEqual({ indexed: 0, dlq: 3 });
    expect(dlq.entries.map((e) => [e.dataStream, e.error?.type])).toEqual(Array(3).fill(['filebeat-8.13.4-elproxysigned-acme-6_months-0', 'timeout_error']));
    expect(await w.submit(logs(3, 1))).toEqual({ indexed: 1, dlq: 0 });
    // Recovering the DLQ closes the gap.
    expect(store.verify(key0(), dlq.entries.map((e) => e.documentText)).errors).toEqual([]);
    await w.close();
  });

  it('per-item failures go to the DLQ with the Elasticsearch error', async () => {
    const { deps, store, dlq } = makeDeps();
    store.failItem = (it) => (it.docText.includes('"log 1"') ? { type: 'document_parsing_exception', reason: 'failed to parse field [host]' } : null);
    const w = new ChainWriter(ID, deps);
    expect(await w.submit(logs(0, 3))).toEqual({ indexed: 2, dlq: 1 });
    expect(dlq.entries).toHaveLength(1);
    expect(dlq.entries[0]).toMatchObject({ customer: 'acme', error: { type: 'document_parsing_exception' } });
    expect(store.verify(key0()).errors.map((e) => e.code)).toEqual([ErrorCode.LogBadIteration]);
    expect(store.verify(key0(), [dlq.entries[0]!.documentText]).errors).toEqual([]);
    await w.close();
  });

  it('DLQ unwritable and nothing stored: 503, rolled back, no corruption after the DLQ is fixed', async () => {
    const { deps, store, dlq } = makeDeps();
    const w = new ChainWriter(ID, deps);
    await w.submit(logs(0, 1));
    store.failItem = () => ({ type: 'document_parsing_exception', reason: 'mapping conflict' });
    dlq.fail = true;
    await expect(w.submit(logs(1, 2))).rejects.toMatchObject({ code: 'ERR_CHAINS_DLQ', message: expect.stringMatching(/nothing was stored/) });
    expect(w.status().iteration).toBe(1);
    store.failItem = null;
    dlq.fail = false;
    expect(await w.submit(logs(1, 2))).toEqual({ indexed: 2, dlq: 0 });
    expect(store.verify(key0()).errors).toEqual([]);
    await w.close();
  });

  it('DLQ unwritable after a partial store: the batch stays stuck in the outbox until the DLQ works', async () => {
    const { deps, store, dlq } = makeDeps();
    const w = new ChainWriter(ID, deps);
    store.failItem = (it) => (it.docText.includes('"log 1"') ? { type: 'document_parsing_exception', reason: 'conflict' } : null);
    dlq.fail = true;
    await expect(w.submit(logs(0, 3))).rejects.toMatchObject({ message: expect.stringMatching(/waits until it can/) });
    expect(w.status()).toMatchObject({ iteration: 3, stuck: true, pendingOutbox: 1 });
    await expect(w.submit(logs(3, 1))).rejects.toMatchObject({ status: 503 });
    dlq.fail = false;
    store.failItem = null;
    expect(await w.submit(logs(3, 1))).toEqual({ indexed: 1, dlq: 0 });
    expect(dlq.entries).toHaveLength(1);
    expect(w.status()).toMatchObject({ stuck: false, pendingOutbox: 0 });
    expect(store.verify(key0(), [dlq.entries[0]!.documentText]).errors).toEqual([]);
    await w.close();
  });

  it('every item refused and the DLQ took one data stream but not the other: stuck, never rolled back (found in review)', async () => {
    const { deps, store, dlq } = makeDeps();
    const w = new ChainWriter(ID, deps);
    await w.submit(logs(0, 1));
    const [a, b] = ['filebeat-8.13.4-elproxysigned-acme-6_months-0', 'logs-other-elproxysigned-acme-6_months-0'];
    store.failItem = () => ({ type: 'document_parsing_exception', reason: 'mapping conflict' });
    dlq.failStreams.add(b);
    const batch = logs(1, 2).map((l, i) => ({ ...l, dataStream: i === 0 ? a : b }));
    await expect(w.submit(batch)).rejects.toMatchObject({ code: 'ERR_CHAINS_DLQ', message: expect.stringMatching(/waits until it can/) });
    // Iteration 1 is in the DLQ: the head stays after it, so it is never signed a second time.
    expect(w.status()).toMatchObject({ iteration: 3, stuck: true });
    store.failItem = null;
    dlq.failStreams.clear();
    expect(await w.submit(logs(3, 1))).toEqual({ indexed: 1, dlq: 0 });
    const dlqIterations = dlq.entries.map((e) => /"iteration":(\d+)/.exec(e.documentText)?.[1]);
    expect(dlqIterations).toEqual(['1', '2']);
    expect(store.verify(key0(), dlq.entries.map((e) => e.documentText)).errors).toEqual([]);
    await w.close();
  });

  it('a failed key-file save keeps the head recoverable and finishes with a later save', async () => {
    const { deps, keys, store } = makeDeps();
    const w = new ChainWriter(ID, deps);
    await w.submit(logs(0, 1));
    keys.failSave = true;
    expect(await w.submit(logs(1, 2))).toEqual({ indexed: 2, dlq: 0 }); // stored: 200
    expect(w.status().pendingOutbox).toBe(1);
    keys.failSave = false;
    await w.submit(logs(3, 1));
    expect(w.status().pendingOutbox).toBe(0);
    expect(keys.files.get('elproxysigned-acme-6_months-0')?.iteration).toBe(4);
    expect(store.verify(key0()).errors).toEqual([]);
    await w.close();
  });
});

describe('ChainWriter: key-file saves at most every keySaveIntervalMs', () => {
  const iteration = (keys: { files: Map<string, { iteration: number }> }) => keys.files.get('elproxysigned-acme-6_months-0')?.iteration;

  it('saves after a delivery, then leaves the next records pending until the interval has passed', async () => {
    let clock = 0;
    const { deps, keys, store } = makeDeps({ keySaveIntervalMs: 1000, now: () => clock });
    const w = new ChainWriter(ID, deps);
    expect(await w.submit(logs(0, 3))).toEqual({ indexed: 3, dlq: 0 });
    expect(iteration(keys)).toBe(3);
    expect(w.status().pendingOutbox).toBe(0);
    clock = 990; // 10 ms before the next save is due
    expect(await w.submit(logs(3, 2))).toEqual({ indexed: 2, dlq: 0 }); // answered: indexed
    expect(iteration(keys)).toBe(3); // the save waits…
    expect(w.status()).toMatchObject({ iteration: 5, pendingOutbox: 1 }); // …and the record stays pending
    for (let i = 0; i < 200 && iteration(keys) !== 5; i++) await new Promise((r) => setTimeout(r, 10));
    expect(iteration(keys)).toBe(5); // the timer saved the latest delivered head
    expect(w.status().pendingOutbox).toBe(0);
    expect(store.verify(key0()).errors).toEqual([]);
    await w.close();
  });

  it('close() saves the head that waits', async () => {
    const { deps, keys } = makeDeps({ keySaveIntervalMs: 60_000, now: () => 0 });
    const w = new ChainWriter(ID, deps);
    await w.submit(logs(0, 3));
    await w.submit(logs(3, 2));
    await w.submit(logs(5, 1));
    expect(iteration(keys)).toBe(3);
    await w.close();
    expect(iteration(keys)).toBe(6);
  });

  it('a crash while a save waits: the next writer re-delivers the pending records ("already stored") and continues', async () => {
    const { deps, keys, store } = makeDeps({ keySaveIntervalMs: 60_000, now: () => 0 });
    const w1 = new ChainWriter(ID, deps);
    await w1.submit(logs(0, 2));
    await w1.submit(logs(2, 3));
    expect(iteration(keys)).toBe(2);
    expect(store.deliveries).toBe(2);
    await orphanLock(deps.outboxDir); // w1 is gone without closing
    const w2 = new ChainWriter(ID, deps);
    expect(await w2.submit(logs(5, 1))).toEqual({ indexed: 1, dlq: 0 });
    expect(store.deliveries).toBe(4); // the pending record again, then the new log
    expect(store.docs.size).toBe(6);
    const r = store.verify(key0());
    expect(r.errors).toEqual([]);
    expect(r.nextIteration).toBe(6);
    expect(iteration(keys)).toBe(6);
    await w2.close();
    await w1.close(); // its waiting save (iteration 5) is refused as stale: the key file stays at 6
    expect(iteration(keys)).toBe(6);
  });
});

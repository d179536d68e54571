import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFieldSelector, keyFromHex, ErrorCode } from '../chain';
import { ownerOf } from '../durable-fs';
import { ChainWriter } from './chain-writer';
import { createChainService } from './chain-service';
import { ID, K0, log, makeDeps } from './__fixtures__/fake-ports';

const key0 = () => keyFromHex(K0);
const logs = (from: number, n: number) => Array.from({ length: n }, (_, i) => log(from + i));
const lockFile = (outboxDir: string) => path.join(outboxDir, 'acme', 'elproxysigned-acme-6_months-0.lock');

/** What a kill -9 leaves: the chain's owner lock names a process that is gone. */
async function orphanLock(outboxDir: string): Promise<void> {
  const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
  fs.writeFileSync(lockFile(outboxDir), JSON.stringify(await ownerOf(dead)));
}

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

describe('ChainWriter: recovery', () => {
  it('a crash after the outbox append: the next writer re-delivers and continues the chain', async () => {
    const { deps, store, keys } = makeDeps();
    const w1 = new ChainWriter(ID, deps);
    await w1.submit(logs(0, 2));
    // The "crash": the delivery never completes and the process is gone.
    store.script.push(() => new Promise<never>(() => undefined) as never);
    void w1.submit(logs(2, 3)).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    expect(keys.files.get('elproxysigned-acme-6_months-0')?.iteration).toBe(2); // key file not yet saved
    await orphanLock(deps.outboxDir);
    const w2 = new ChainWriter(ID, deps);
    expect(await w2.submit(logs(5, 1))).toEqual({ indexed: 1, dlq: 0 });
    expect(store.docs.size).toBe(6); // 0,1 + the 3 recovered from the outbox + the new one
    const r = store.verify(key0());
    expect(r.errors).toEqual([]);
    expect(r.nextIteration).toBe(6);
    expect(keys.files.get('elproxysigned-acme-6_months-0')?.iteration).toBe(6);
    await w2.close();
  });

  it('a start-up warm-up racing the first request recovers once (found by the SIGKILL test)', async () => {
    const { deps, store } = makeDeps();
    const w1 = new ChainWriter(ID, deps);
    await w1.submit(logs(0, 2));
    await w1.close();
    // The warm-up's Elasticsearch check is slow; a request arrives meanwhile and commits first.
    // A second, independent recovery would then reset the head under it and sign iteration 2 again.
    const maxIteration = store.maxIteration.bind(store);
    let calls = 0;
    store.maxIteration = async (id) => {
      if (calls++ === 0) await new Promise((r) => setTimeout(r, 50));
      return maxIteration(id);
    };
    const w2 = new ChainWriter(ID, deps);
    const warm = w2.warmUp();
    expect(await w2.submit(logs(2, 2))).toEqual({ indexed: 2, dlq: 0 });
    await warm;
    expect(await w2.submit(logs(4, 2))).toEqual({ indexed: 2, dlq: 0 });
    expect([...store.docs.values()].map((d) => /"log (\d+)"/.exec(d)?.[1])).toEqual(['0', '1', '2', '3', '4', '5']);
    const r = store.verify(key0());
    expect(r.errors).toEqual([]);
    expect(r.nextIteration).toBe(6);
    await w2.close();
  });

  it('refuses a chain whose key file is behind Elasticsearch (blocked, never signs twice)', async () => {
    const { deps, store, keys } = makeDeps();
    const w1 = new ChainWriter(ID, deps);
    await w1.submit(logs(0, 3));
    await w1.close();
    keys.files.set('elproxysigned-acme-6_months-0', { key: keyFromHex(K0), iteration: 0, previousHash: null }); // a stale key file
    // With its outbox, the stale key file is corrected (the records say iterations 0–2 were used).
    const withOutbox = new ChainWriter(ID, makeDeps({ keys, store, outboxDir: deps.outboxDir }).deps);
    await withOutbox.warmUp();
    expect(withOutbox.status().iteration).toBe(3);
    await withOutbox.close();
    keys.files.set('elproxysigned-acme-6_months-0', { key: keyFromHex(K0), iteration: 0, previousHash: null });
    // Without it (state lost, or another instance's chain), the chain is refused.
    const fresh = makeDeps({ keys, store });
    const w2 = new ChainWriter(ID, fresh.deps);
    await expect(w2.submit(logs(3, 1))).rejects.toMatchObject({ code: 'ERR_CHAINS_BLOCKED', message: expect.stringMatching(/holds iteration 2.*refusing to sign an iteration twice/) });
    expect(w2.status()).toMatchObject({ state: 'blocked' });
    await expect(w2.submit(logs(3, 1))).rejects.toMatchObject({ code: 'ERR_CHAINS_BLOCKED' });
    await w2.close();
  });

  it('refuses a chain another live process writes (its owner lock), then takes it over once that process is gone', async () => {
    const { deps, store } = makeDeps();
    const w1 = new ChainWriter(ID, deps);
    await w1.submit(logs(0, 2));
    await w1.close();
    expect(fs.existsSync(lockFile(deps.outboxDir))).toBe(false); // released on close
    // Another process (a second `signet serve` on the same data) holds the chain.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      fs.mkdirSync(path.dirname(lockFile(deps.outboxDir)), { recursive: true });
      fs.writeFileSync(lockFile(deps.outboxDir), JSON.stringify(await ownerOf(other.pid as number)));
      const w2 = new ChainWriter(ID, deps);
      const refused = await w2.submit(logs(2, 1)).then(() => null, (e: unknown) => e);
      expect(refused).toMatchObject({ code: 'ERR_CHAINS_BLOCKED', status: 503, message: expect.stringMatching(new RegExp(`written by another Signet process on this machine \\(process ${other.pid} holds its lock\\); one writer per chain`)) });
      expect(store.docs.size).toBe(2); // nothing signed
      // The status (console, health) says why the chain does not sign; it is not a permanent block.
      expect(w2.status()).toMatchObject({ state: 'idle', blockedReason: expect.stringMatching(`process ${other.pid} holds its lock`) });
      // The other process dies (kill -9): its lock is stale and the chain is taken over.
      other.kill('SIGKILL');
      await new Promise((r) => other.once('exit', r));
      expect(await w2.submit(logs(2, 1))).toEqual({ indexed: 1, dlq: 0 });
      expect(JSON.parse(fs.readFileSync(lockFile(deps.outboxDir), 'utf8'))).toMatchObject({ pid: process.pid });
      expect(w2.status()).toMatchObject({ state: 'ready', blockedReason: null });
      expect(store.verify(key0()).errors).toEqual([]);
      await w2.close();
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('refuses a chain that has logs in Elasticsearch but no key file here', async () => {
    const { deps, store } = makeDeps();
    store.docs.set('elproxysigned-acme-6_months-0-0', '{}');
    const w = new ChainWriter(ID, deps);
    await expect(w.submit(logs(0, 1))).rejects.toMatchObject({ code: 'ERR_CHAINS_BLOCKED', message: expect.stringMatching(/no key file/) });
    await w.close();
  });

  it('an unreachable store at recovery is a retryable 503, not a block', async () => {
    const { deps, store } = makeDeps();
    store.up = false;
    const w = new ChainWriter(ID, deps);
    await expect(w.submit(logs(0, 1))).rejects.toMatchObject({ code: 'ERR_CHAINS_UNAVAILABLE' });
    store.up = true;
    expect(await w.submit(logs(0, 1))).toEqual({ indexed: 1, dlq: 0 });
    await w.close();
  });
});

describe('createChainService', () => {
  it('routes a mixed batch to its chains and answers for the whole request', async () => {
    const { deps, store } = makeDeps();
    const svc = createChainService(deps);
    const other = { ...ID, customer: 'globex' };
    const routed = [...logs(0, 2).map((l) => ({ ...l, identity: ID })), { ...log(9, 'filebeat-x-elproxysigned-globex-6_months-0'), identity: other }];
    expect(await svc.submit(routed)).toEqual({ indexed: 3, dlq: 0 });
    expect([...store.docs.keys()].sort()).toEqual(['elproxysigned-acme-6_months-0-0', 'elproxysigned-acme-6_months-0-1', 'elproxysigned-globex-6_months-0-0']);
    expect(svc.status().map((s) => [s.name, s.iteration])).toEqual([['elproxysigned-acme-6_months-0', 2], ['elproxysigned-globex-6_months-0', 1]]);
    expect(await svc.warmUp([ID, other])).toEqual([{ name: 'elproxysigned-acme-6_months-0' }, { name: 'elproxysigned-globex-6_months-0' }]);
    await svc.close();
    await expect(svc.submit(routed)).rejects.toMatchObject({ code: 'ERR_CHAINS_CLOSED' });
  });

  it('admits at most maxChains chains: a new one beyond it gets a reason, a chain with a key file always opens', async () => {
    const { deps, keys } = makeDeps();
    const svc = createChainService({ ...deps, maxChains: 2 });
    const chain = (customer: string) => ({ ...ID, customer });
    expect(svc.capacity()).toEqual({ chains: 0, max: 2 });
    expect(await svc.admit(chain('acme'))).toBeNull();
    expect(await svc.admit(chain('acme'))).toBeNull(); // known: no second place taken
    expect(svc.capacity()).toEqual({ chains: 1, max: 2 });
    // Two new chains at once: the first takes the last place before the second is asked.
    const [b, c] = await Promise.all([svc.admit(chain('beta')), svc.admit(chain('gamma'))]);
    expect(b).toBeNull();
    expect(c).toBe('blockchain elproxysigned-gamma-6_months-0 would be new, but this instance already keeps max_blockchains (2) blockchains; raise max_blockchains to start it');
    expect(svc.capacity()).toEqual({ chains: 2, max: 2 });
    // A chain with a key file (from before a restart) is no new chain: it opens beyond the limit.
    keys.files.set('elproxysigned-delta-6_months-0', { key: keyFromHex(K0), iteration: 4, previousHash: null });
    expect(await svc.admit(chain('delta'))).toBeNull();
    expect(svc.status().map((s) => s.name)).toContain('elproxysigned-delta-6_months-0');
    expect(await svc.admit(chain('gamma'))).not.toBeNull();
    await svc.close();
    // Without maxChains there is no limit.
    const open = createChainService(makeDeps().deps);
    for (let i = 0; i < 5; i++) expect(await open.admit(chain(`c${i}`))).toBeNull();
    expect(open.capacity()).toEqual({ chains: 5, max: null });
    await open.close();
  });

  it('one failing chain fails the request while the other keeps flowing', async () => {
    const { deps, store } = makeDeps();
    store.failItem = null;
    const svc = createChainService(deps);
    const bad = { ...ID, customer: 'globex' };
    store.docs.set('elproxysigned-globex-6_months-0-7', '{}'); // globex is blocked (no key file here)
    await expect(svc.submit([{ ...log(0), identity: ID }, { ...log(1), identity: bad }])).rejects.toMatchObject({ code: 'ERR_CHAINS_BLOCKED', status: 503 });
    expect(await svc.submit([{ ...log(1), identity: ID }])).toEqual({ indexed: 1, dlq: 0 });
    expect(await svc.warmUp([bad])).toEqual([{ name: 'elproxysigned-globex-6_months-0', error: expect.stringMatching(/no key file/) }]);
    await svc.close();
  });
});

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFromHex } from '../chain';
import { ChainWriter } from './chain-writer';
import { ownerOf } from '../durable-fs';
import { ID, K0, makeDeps } from './__fixtures__/fake-ports';
import { key0, lockFile, logs, orphanLock } from './__fixtures__/writer-helpers';

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

  // Found in review: recovery marked the re-delivered records done before it saved the key file,
  // and a mark on an idle outbox over 64 MB empties it — a crash (or a failed save) right then
  // left a key file behind the stored logs and no outbox to replay.
  describe('a large outbox recovered while the key file cannot be saved', () => {
    const NAME = 'elproxysigned-acme-6_months-0';
    const big = (i: number) => ({ raw: `{"message":"${'x'.repeat(1_100_000)}","n":${i}}`, dataStream: 'filebeat-8.13.4-elproxysigned-acme-6_months-0', pipeline: null });

    it.each([
      ['indexed', null],
      ['in the DLQ', { type: 'mapper_parsing_exception', reason: 'failed to parse' }],
    ] as const)('keeps the outbox until the key file covers it (the recovered logs %s)', async (_, refusal) => {
      const { deps, store, keys } = makeDeps();
      const w1 = new ChainWriter(ID, deps);
      await w1.submit([big(-1)]);
      keys.failSave = true; // the head after the next batch is only in the outbox (~66 MB)
      store.failItem = refusal === null ? null : () => refusal;
      await w1.submit(Array.from({ length: 60 }, (_, i) => big(i))).catch(() => undefined);
      expect(keys.files.get(NAME)?.iteration).toBe(1);
      await orphanLock(deps.outboxDir); // kill -9: w1 never closes
      store.failItem = null;
      const w2 = new ChainWriter(ID, deps);
      await expect(w2.warmUp()).rejects.toThrow(); // re-delivered, then the key-file save fails
      await orphanLock(deps.outboxDir); // kill -9 again
      keys.failSave = false;
      const w3 = new ChainWriter(ID, deps);
      expect(await w3.submit([big(1000)])).toEqual({ indexed: 1, dlq: 0 });
      // The chain goes on after the 61 recovered iterations: not blocked, no iteration signed twice.
      expect(w3.status().iteration).toBe(62);
      expect(store.docs.has(`${NAME}-61`)).toBe(true);
      expect(store.docs.get(`${NAME}-1`) ?? '').not.toContain('"n":1000');
      await w3.close();
    });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromBulkPayload, toBulkPayload } from './bulk-payload';
import { ChainOutbox } from './outbox';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const rec = (first: number, payload = `{"create":{}}\n{"m":${first}}\n`) => ({ firstIteration: first, count: 1, lastHash: 'a'.repeat(64), payload });

describe('ChainOutbox', () => {
  it('keeps records across reopen, with done and discarded marks', async () => {
    const dir = tmp();
    const { outbox } = await ChainOutbox.open(dir, 'acme', 'c');
    const s1 = await outbox.append(rec(0));
    const s2 = await outbox.append(rec(1));
    const s3 = await outbox.append(rec(2));
    await outbox.markDone(s1);
    await outbox.markDiscarded(s3);
    expect(outbox.pendingCount()).toBe(1);
    await outbox.close();
    const again = await ChainOutbox.open(dir, 'acme', 'c');
    expect(again.state.records.map((r) => [r.seq, r.firstIteration, r.done])).toEqual([[s1, 0, true], [s2, 1, false]]);
    expect(again.state.records[1]!.payload).toBe('{"create":{}}\n{"m":1}\n');
    expect(again.outbox.pendingCount()).toBe(1);
    expect(await again.outbox.append(rec(2))).toBe(s3 + 1);
    expect((fs.statSync(path.join(dir, 'acme', 'c.outbox')).mode & 0o777).toString(8)).toBe('600');
    await again.outbox.close();
  });

  it('empties the file once nothing is pending and it has grown past 64 MB, also after a reopen', async () => {
    const dir = tmp();
    const file = path.join(dir, 'acme', 'c.outbox');
    const big = `{"create":{}}\n{"m":"${'x'.repeat(40 * 1024 * 1024)}"}\n`;
    const { outbox } = await ChainOutbox.open(dir, 'acme', 'c');
    const s1 = await outbox.append(rec(0, big));
    const s2 = await outbox.append(rec(1));
    await outbox.markDone(s1); // 40 MB, and s2 still pending: kept
    expect(fs.statSync(file).size).toBeGreaterThan(40 * 1024 * 1024);
    await outbox.close();
    const again = await ChainOutbox.open(dir, 'acme', 'c');
    const s3 = await again.outbox.append(rec(2, big));
    await again.outbox.markDone(s2);
    await again.outbox.markDone(s3); // nothing pending, 80 MB: emptied
    expect(fs.statSync(file).size).toBe(0);
    await again.outbox.append(rec(3));
    await again.outbox.close();
    const third = await ChainOutbox.open(dir, 'acme', 'c');
    expect(third.state.records.map((r) => r.firstIteration)).toEqual([3]);
    await third.outbox.close();
  });

  it('leaves a large file whole when the caller says the key file does not cover it yet (recovery marks before it saves the key file)', async () => {
    const dir = tmp();
    const file = path.join(dir, 'acme', 'c.outbox');
    const big = `{"create":{}}\n{"m":"${'x'.repeat(65 * 1024 * 1024)}"}\n`;
    const { outbox } = await ChainOutbox.open(dir, 'acme', 'c');
    const s1 = await outbox.append(rec(0, big));
    await outbox.markDone(s1, false);
    expect(fs.statSync(file).size).toBeGreaterThan(65 * 1024 * 1024);
    await outbox.close();
    const again = await ChainOutbox.open(dir, 'acme', 'c');
    expect(again.state.records.map((r) => [r.firstIteration, r.done])).toEqual([[0, true]]);
    await again.outbox.close();
  });

  it('never truncates away a record appended while markDone() is deciding (found in review)', async () => {
    const dir = tmp();
    const file = path.join(dir, 'acme', 'c.outbox');
    const { outbox } = await ChainOutbox.open(dir, 'acme', 'c');
    const s1 = await outbox.append(rec(0, `{"create":{}}\n{"m":"${'x'.repeat(65 * 1024 * 1024)}"}\n`));
    const done = outbox.markDone(s1); // nothing pending at this instant, the file over 64 MB
    const s2 = outbox.append(rec(1)); // becomes pending before markDone's truncate runs
    await Promise.all([done, s2]);
    await outbox.close();
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    const again = await ChainOutbox.open(dir, 'acme', 'c');
    expect(again.state.records.filter((r) => !r.done).map((r) => r.firstIteration)).toEqual([1]);
    await again.outbox.close();
  });

  it.each([
    ['a torn header', (b: Buffer) => Buffer.concat([b, Buffer.from('R {"seq":9,"first')])],
    ['a torn payload', (b: Buffer) => b.subarray(0, b.length - 5)],
    ['a corrupt payload (CRC)', (b: Buffer) => Buffer.from(b.toString().replace('"m":1', '"m":7'))],
    ['garbage', (b: Buffer) => Buffer.concat([b, Buffer.from('zz\n')])],
    ['a bad length', (b: Buffer) => Buffer.concat([b, Buffer.from('R {"seq":9,"bytes":-1}\n')])],
  ])('cuts off %s at the end and keeps the whole records before it', async (_n, damage) => {
    const dir = tmp();
    const { outbox } = await ChainOutbox.open(dir, 'acme', 'c');
    await outbox.append(rec(0));
    await outbox.append(rec(1));
    await outbox.close();
    const file = path.join(dir, 'acme', 'c.outbox');
    fs.writeFileSync(file, damage(fs.readFileSync(file)));
    const again = await ChainOutbox.open(dir, 'acme', 'c');
    const firsts = again.state.records.map((r) => r.firstIteration);
    expect(firsts[0]).toBe(0);
    expect(firsts.length).toBeLessThanOrEqual(2);
    // The damaged tail is gone: the file parses again and accepts appends.
    await again.outbox.append(rec(5));
    await again.outbox.close();
    const third = await ChainOutbox.open(dir, 'acme', 'c');
    expect(third.state.records.map((r) => r.firstIteration)).toEqual([...firsts, 5]);
    await third.outbox.close();
  });

  it('empties itself once nothing is pending and it has grown large', async () => {
    const dir = tmp();
    const { outbox } = await ChainOutbox.open(dir, 'acme', 'c');
    const big = 'x'.repeat(33 * 1024 * 1024);
    const a = await outbox.append(rec(0, big));
    const b = await outbox.append(rec(1, big));
    await outbox.markDone(a);
    expect(fs.statSync(path.join(dir, 'acme', 'c.outbox')).size).toBeGreaterThan(60 * 1024 * 1024);
    await outbox.markDone(b);
    expect(fs.statSync(path.join(dir, 'acme', 'c.outbox')).size).toBe(0);
    await outbox.close();
  });

  it('writes a batch of items as the record of their bulk body and returns that body (encoded once)', async () => {
    const dir = tmp();
    const items = [
      { index: 'logs-a', id: 'c-0', pipeline: null, docText: '{"m":"é ü 😀","n":9007199254740993}' },
      { index: 'logs-a', id: 'c-1', pipeline: 'p1', docText: '{"m":1.50}' },
    ];
    const { outbox } = await ChainOutbox.open(dir, 'acme', 'c');
    const { seq, body } = await outbox.appendItems({ firstIteration: 0, count: 2, lastHash: 'a'.repeat(64) }, items);
    expect(body.toString('utf8')).toBe(toBulkPayload(items));
    await outbox.append({ firstIteration: 2, count: 2, lastHash: 'b'.repeat(64), payload: toBulkPayload(items) });
    await outbox.close();
    const again = await ChainOutbox.open(dir, 'acme', 'c');
    expect(again.state.records.map((r) => [r.seq, r.firstIteration, r.payload])).toEqual([
      [seq, 0, toBulkPayload(items)],
      [seq + 1, 2, toBulkPayload(items)],
    ]);
    expect(fromBulkPayload(again.state.records[0]?.payload as string)).toEqual(items);
    await again.outbox.close();
  });

  it('reports an unwritable location as ERR_CHAINS_OUTBOX', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'acme'), 'a file where the directory should be');
    await expect(ChainOutbox.open(dir, 'acme', 'c')).rejects.toMatchObject({ code: 'ERR_CHAINS_OUTBOX', status: 503 });
  });
});

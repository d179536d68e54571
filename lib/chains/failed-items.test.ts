import { describe, expect, it } from 'vitest';
import type { CommitCounts, Prepared } from './commit-types';
import { RollBack } from './commit-types';
import { FailedItems } from './failed-items';
import { answerJobs, itemFates } from './item-fates';
import { FakeDlq } from './__fixtures__/fake-ports';
import type { BulkItem } from './ports';

const item = (i: number, index = 'logs-a'): BulkItem => ({ index, id: `c-${i}`, pipeline: null, docText: `{"n":${i}}` });
const mapping = { type: 'mapper_parsing_exception', reason: 'failed to parse field [n]' };

describe('itemFates', () => {
  it('indexed and already stored are final; a failed item goes to the DLQ with its error', () => {
    const { fates, failed } = itemFates([item(0), item(1), item(2)], { outcome: 'done', items: [{ status: 'indexed' }, { status: 'exists' }, { status: 'failed', error: mapping }] });
    expect(fates).toEqual(['indexed', 'indexed', 'dlq']);
    expect([...failed]).toEqual([['c-2', mapping]]);
  });

  it('an item the answer left out, and every item of an uncertain delivery, go to the DLQ', () => {
    expect(itemFates([item(0), item(1)], { outcome: 'done', items: [{ status: 'indexed' }] }).failed.get('c-1')).toEqual({ type: 'unknown', reason: 'no result for this item' });
    const timeout = { type: 'timeout', reason: 'request timed out' };
    const r = itemFates([item(0), item(1)], { outcome: 'uncertain', error: timeout });
    expect(r.fates).toEqual(['dlq', 'dlq']);
    expect(r.failed.get('c-0')).toEqual(timeout);
  });
});

describe('answerJobs', () => {
  it('answers each job of each commit with its own share of the fates', () => {
    const answers: CommitCounts[] = [];
    const job = (n: number) => ({ logs: Array.from({ length: n }, () => ({ raw: '{}', dataStream: 'd', pipeline: null })), resolve: (c: CommitCounts) => answers.push(c), reject: () => undefined });
    const commit = (jobs: ReturnType<typeof job>[]) => ({ jobs, logs: jobs.reduce((a, j) => a + j.logs.length, 0) }) as unknown as Prepared;
    answerJobs([commit([job(2), job(1)]), commit([job(3)])], ['indexed', 'dlq', 'dlq', 'indexed', 'indexed', 'dlq']);
    expect(answers).toEqual([{ indexed: 1, dlq: 1 }, { indexed: 0, dlq: 1 }, { indexed: 2, dlq: 1 }]);
  });
});

describe('FailedItems', () => {
  const metrics = () => {
    const counted: [string, number][] = [];
    return { counted, port: { logsProcessed: (r: string, n: number) => counted.push([r, n]) } };
  };

  it('writes failed items to the DLQ, one append per data stream, with their errors', async () => {
    const dlq = new FakeDlq();
    const appends: string[] = [];
    const append = dlq.append.bind(dlq);
    dlq.append = async (c, s, e) => {
      appends.push(`${s}:${e.length}`);
      return append(c, s, e);
    };
    const f = new FailedItems({ dlq, metrics: metrics().port, customer: 'acme', chain: 'c' });
    const items = [item(0, 'logs-a'), item(1, 'logs-b'), item(2, 'logs-a')];
    const fates = await f.settle(items, { outcome: 'done', items: [{ status: 'failed', error: mapping }, { status: 'failed', error: mapping }, { status: 'failed', error: mapping }] }, [1], 'commit');
    expect(fates).toEqual(['dlq', 'dlq', 'dlq']);
    expect(appends).toEqual(['logs-a:2', 'logs-b:1']);
    expect(dlq.entries.map((e) => [e.customer, e.documentText, e.error?.type])).toEqual([
      ['acme', '{"n":0}', 'mapper_parsing_exception'], ['acme', '{"n":2}', 'mapper_parsing_exception'], ['acme', '{"n":1}', 'mapper_parsing_exception'],
    ]);
  });

  it('DLQ down and nothing written: a RollBack (the commit is signed again)', async () => {
    const dlq = new FakeDlq();
    dlq.fail = true;
    const f = new FailedItems({ dlq, metrics: metrics().port, customer: 'acme', chain: 'c' });
    const err = await f.settle([item(0)], { outcome: 'done', items: [{ status: 'failed', error: mapping }] }, [1], 'commit').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RollBack);
    expect(f.isStuck).toBe(false);
  });

  it('DLQ down after part of the batch was written: stuck until retryStuck moves the items', async () => {
    const dlq = new FakeDlq();
    dlq.fail = true;
    const m = metrics();
    const f = new FailedItems({ dlq, metrics: m.port, customer: 'acme', chain: 'c' });
    await expect(f.settle([item(0), item(1)], { outcome: 'done', items: [{ status: 'indexed' }, { status: 'failed', error: mapping }] }, [4, 5], 'commit')).rejects.toMatchObject({ code: 'ERR_CHAINS_DLQ', status: 503 });
    expect(f.isStuck).toBe(true);
    await expect(f.retryStuck()).rejects.toThrow(/chain c waits until it can/);
    dlq.fail = false;
    expect(await f.retryStuck()).toEqual([4, 5]);
    expect(f.isStuck).toBe(false);
    expect(dlq.entries.map((e) => e.documentText)).toEqual(['{"n":1}']);
    expect(m.counted).toEqual([['dlq', 1]]);
  });

  /** A DLQ whose files for data stream `logs-b` cannot be written (while `down.b`). */
  const dlqFailingFor = () => {
    const dlq = new FakeDlq();
    const down = { b: true };
    const append = dlq.append.bind(dlq);
    dlq.append = async (c, s, e) => {
      if (s === 'logs-b' && down.b) throw new Error('EIO');
      return append(c, s, e);
    };
    return { dlq, down };
  };
  const allFailed = (n: number) => ({ outcome: 'done' as const, items: Array.from({ length: n }, () => ({ status: 'failed' as const, error: mapping })) });

  it('every item refused, and the DLQ took one data stream but not the next: stuck, never a RollBack (the lines written must not be signed again)', async () => {
    const { dlq, down } = dlqFailingFor();
    const m = metrics();
    const f = new FailedItems({ dlq, metrics: m.port, customer: 'acme', chain: 'c' });
    const err = await f.settle([item(0, 'logs-a'), item(1, 'logs-b'), item(2, 'logs-a')], allFailed(3), [7], 'commit').catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(RollBack);
    expect(err).toMatchObject({ code: 'ERR_CHAINS_DLQ', status: 503 });
    expect(f.isStuck).toBe(true);
    expect(dlq.entries.map((e) => e.documentText)).toEqual(['{"n":0}', '{"n":2}']);
    down.b = false;
    expect(await f.retryStuck()).toEqual([7]);
    // Stream a's lines are not written a second time by the retry; every failed item is counted once.
    expect(dlq.entries.map((e) => e.documentText)).toEqual(['{"n":0}', '{"n":2}', '{"n":1}']);
    expect(m.counted).toEqual([['dlq', 3]]);
  });

  it('a retry that again gets only part of the way does not write the streams it wrote before', async () => {
    const dlq = new FakeDlq();
    const fail = new Set(['logs-a', 'logs-b']);
    const append = dlq.append.bind(dlq);
    dlq.append = async (c, s, e) => {
      if (fail.has(s)) throw new Error('ENOSPC');
      return append(c, s, e);
    };
    const f = new FailedItems({ dlq, metrics: metrics().port, customer: 'acme', chain: 'c' });
    await expect(f.settle([item(0, 'logs-a'), item(1, 'logs-b')], { outcome: 'done', items: [{ status: 'failed', error: mapping }, { status: 'failed', error: mapping }] }, [3], 'commit')).rejects.toBeInstanceOf(RollBack);
    // Stuck from a partly indexed batch; then stream a recovers, b not yet.
    await expect(f.settle([item(0, 'logs-a'), item(1, 'logs-b'), item(2, 'logs-c')], { outcome: 'done', items: [{ status: 'failed', error: mapping }, { status: 'failed', error: mapping }, { status: 'indexed' }] }, [4], 'commit')).rejects.toMatchObject({ code: 'ERR_CHAINS_DLQ' });
    fail.delete('logs-a');
    await expect(f.retryStuck()).rejects.toThrow(/waits until it can/);
    fail.delete('logs-b');
    expect(await f.retryStuck()).toEqual([4]);
    expect(dlq.entries.map((e) => e.documentText)).toEqual(['{"n":0}', '{"n":1}']);
  });

  it('a recovered record is never rolled back nor left stuck: the recovery waits', async () => {
    const dlq = new FakeDlq();
    dlq.fail = true;
    const f = new FailedItems({ dlq, metrics: metrics().port, customer: 'acme', chain: 'c' });
    await expect(f.settle([item(0)], { outcome: 'done', items: [{ status: 'failed', error: mapping }] }, [1], 'recovery')).rejects.toMatchObject({ code: 'ERR_CHAINS_DLQ' });
    expect(f.isStuck).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { ChainHead } from '../chain';
import { ChainsError } from './chains-error';
import { RollBack, type Prepared } from './commit-types';
import { rollBackCommits, type RollBackTarget } from './roll-back-commits';

const head = (iteration: number): ChainHead => ({ key: new Uint8Array(64).fill(iteration + 1), iteration, previousHash: null });

function commit(seq: number, first: number, n: number, refused: unknown[]): Prepared {
  return {
    jobs: [{ logs: [], resolve: () => undefined, reject: (e) => refused.push([seq, e]) }],
    logs: n, seq, body: Buffer.alloc(0), items: [], head0: head(first), head1: head(first + n),
  };
}

function target(failMark: Set<number> = new Set()) {
  const t = { marked: [] as number[], restored: [] as number[], refused: [] as number[] };
  const port: RollBackTarget = {
    markDiscarded: async (seq) => {
      if (failMark.has(seq)) throw new Error('EIO');
      t.marked.push(seq);
    },
    restore: (c) => t.restored.push(c.seq),
    refuse: (c, err) => {
      t.refused.push(c.seq);
      for (const j of c.jobs) j.reject(err);
    },
  };
  return { t, port };
}

describe('rollBackCommits', () => {
  it('a delivery that stored nothing: the later commits and the batch are discarded latest first, all refused', async () => {
    const errs: unknown[] = [];
    const batch = [commit(1, 0, 5, errs), commit(2, 5, 5, errs)];
    const later = [commit(3, 10, 5, errs), commit(4, 15, 5, errs)];
    const { t, port } = target();
    const failure = new RollBack(new ChainsError('ERR_CHAINS_UNAVAILABLE', 'store refused'));
    await rollBackCommits('c', batch, later, failure, port);
    expect(t.marked).toEqual([4, 3, 2, 1]);
    expect(t.restored).toEqual([4, 3, 2, 1]); // the head ends before commit 1
    expect(t.refused).toEqual([4, 3, 2, 1]);
    const byCommit = new Map(errs as [number, Error][]);
    expect(byCommit.get(1)).toBe(failure.error);
    expect(byCommit.get(3)?.message).toMatch(/an earlier batch of chain c failed \(store refused\); nothing of this batch was stored/);
  });

  it('an uncertain failure: the batch stays pending (not discarded), only later commits are', async () => {
    const errs: unknown[] = [];
    const { t, port } = target();
    await rollBackCommits('c', [commit(1, 0, 5, errs)], [commit(2, 5, 5, errs)], new Error('socket hang up'), port);
    expect(t.marked).toEqual([2]);
    expect(t.restored).toEqual([2]);
    expect(t.refused).toEqual([2, 1]);
  });

  it('once a discard mark cannot be written, no earlier commit is discarded (the head stays after them)', async () => {
    const errs: unknown[] = [];
    const { t, port } = target(new Set([3]));
    const failure = new RollBack(new ChainsError('ERR_CHAINS_UNAVAILABLE', 'down'));
    await rollBackCommits('c', [commit(1, 0, 5, errs)], [commit(2, 5, 5, errs), commit(3, 10, 5, errs), commit(4, 15, 5, errs)], failure, port);
    expect(t.marked).toEqual([4]);
    expect(t.restored).toEqual([4]);
    expect(t.refused).toEqual([4, 3, 2, 1]); // every caller still refused
  });
});

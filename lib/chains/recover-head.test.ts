import { describe, expect, it } from 'vitest';
import { deriveKey, keyFromHex, type ChainHead } from '../chain';
import { ChainsError } from './chains-error';
import { replayHead } from './recover-head';
import { K0 } from './__fixtures__/fake-ports';

const block = (reason: string): never => {
  throw new ChainsError('ERR_CHAINS_BLOCKED', reason);
};
const rec = (seq: number, firstIteration: number, count: number, done = true) => ({ seq, firstIteration, count, lastHash: `h${firstIteration + count - 1}`, payload: '', done });

describe('replayHead', () => {
  const key0 = keyFromHex(K0);
  const keyHead: ChainHead = { key: key0, iteration: 0, previousHash: null };

  it('derives the head forward over the records after the key file', () => {
    const head = replayHead('c', keyHead, { records: [rec(1, 0, 3), rec(2, 3, 2, false)] }, block);
    expect(head?.iteration).toBe(5);
    expect(head?.previousHash).toBe('h4');
    expect(Buffer.from(head?.key ?? []).equals(Buffer.from(deriveKey(key0, 5)))).toBe(true);
  });

  it('skips records the key file already covers', () => {
    const at3: ChainHead = { key: deriveKey(key0, 3), iteration: 3, previousHash: 'h2' };
    expect(replayHead('c', at3, { records: [rec(1, 0, 3), rec(2, 3, 1)] }, block)?.iteration).toBe(4);
  });

  it('no key file and no records: a new chain (null)', () => {
    expect(replayHead('c', null, { records: [] }, block)).toBeNull();
  });

  it('blocks when the outbox holds iterations but the key file is missing, or they do not join', () => {
    expect(() => replayHead('c', null, { records: [rec(1, 0, 3)] }, block)).toThrow(/outbox holds iterations 0… but the key file is missing/);
    expect(() => replayHead('c', keyHead, { records: [rec(1, 2, 3)] }, block)).toThrow(/outbox starts at iteration 2 but the key file is at 0/);
  });
});

import { describe, expect, it } from 'vitest';
import { compileFieldSelector, keyFromHex, signBatch, blockchainText } from '../chain';
import { checkPage } from './check-page';

const key0 = keyFromHex('1f'.repeat(32));
const { signed } = signBatch({ key: key0, iteration: 0, previousHash: null }, [{ n: 1 }, { n: 2 }, { n: 3 }], { selector: compileFieldSelector(['n']), timestampMs: 1_700_000_000_000 });
const hit = (source: string, i: number) => `{"_index":"ds","_id":"c-${i}","_source":${source},"sort":[${i},${i}]}`;
const page = (hits: string[]) => Buffer.from(`{"pit_id":"p","hits":{"hits":[${hits.join(',')}]}}`);

describe('checkPage (stored documents are attacker-controlled)', () => {
  it('checks every MAC of a page', () => {
    const r = checkPage({ body: page(signed.map((s, i) => hit(`{"ES_BLOCKCHAIN":${blockchainText(s.blockchain, s.canonicalFields)}}`, i))), key: key0, keyIteration: 0 });
    expect(r.checks.map((c) => c.status)).toEqual(['ok', 'ok', 'ok']);
    expect(r.timestamps).toEqual([1_700_000_000_000, 1_700_000_000_000, 1_700_000_000_000]);
    expect(r.hits).toBe(3);
  });

  it('sets aside documents that cannot be placed instead of throwing', () => {
    const r = checkPage({
      body: page([hit('{"message":"no blockchain"}', 0), hit('{"ES_BLOCKCHAIN":{"iteration":"1"}}', 1), hit('{"ES_BLOCKCHAIN":{"iteration":-1}}', 2), hit('{"ES_BLOCKCHAIN":{"iteration":1e400}}', 3), '42']),
      key: key0,
      keyIteration: 0,
    });
    expect(r.checks).toEqual([]);
    expect(r.unplaced.map((u) => u.id)).toEqual(['c-0', 'c-1', 'c-2', 'c-3', '?']);
  });

  it('an empty or hit-less response is an empty page; a non-array hits member is a store bug', () => {
    expect(checkPage({ body: Buffer.from('{"pit_id":"p"}'), key: key0, keyIteration: 0 }).hits).toBe(0);
    expect(() => checkPage({ body: Buffer.from('{"hits":{"hits":{}}}'), key: key0, keyIteration: 0 })).toThrow(RangeError);
  });
});

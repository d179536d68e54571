import { describe, expect, it } from 'vitest';
import { canonicalFieldsOf, compileFieldSelector, keyFromHex, parseJson, type ChainHead } from '../chain';
import { signCommit } from './sign-commit';
import { K0 } from './__fixtures__/fake-ports';

const head0 = (): ChainHead => ({ key: keyFromHex(K0), iteration: 0, previousHash: null });
const raw = (i: number) => `{"message":"log ${i}","n":${i}}`;

describe('signCommit', () => {
  const selector = compileFieldSelector(['message']);

  it('signs in order with deterministic ids and the received text kept, and returns the next head', () => {
    const logs = [0, 1].map((i) => ({ raw: raw(i), dataStream: 'logs-a', pipeline: i === 0 ? 'p' : null }));
    const { items, head1 } = signCommit('c', head0(), logs, selector, 1_700_000_000_000);
    expect(items.map((it) => [it.index, it.id, it.pipeline])).toEqual([['logs-a', 'c-0', 'p'], ['logs-a', 'c-1', null]]);
    expect(items[0]?.docText.startsWith('{"message":"log 0","n":0,')).toBe(true);
    expect(JSON.parse(items[1]?.docText ?? '{}').ES_BLOCKCHAIN.iteration).toBe(1);
    expect(head1.iteration).toBe(2);
  });

  it('uses the canonical fields ingest computed only when they were computed with this selector', () => {
    const other = compileFieldSelector(['n']);
    const stale = { raw: raw(7), dataStream: 'd', pipeline: null, canonical: { text: canonicalFieldsOf(parseJson(raw(7)), other), selector: other } };
    const fresh = { raw: raw(7), dataStream: 'd', pipeline: null };
    const a = signCommit('c', head0(), [stale], selector, 1);
    const b = signCommit('c', head0(), [fresh], selector, 1);
    expect(a.items[0]?.docText).toBe(b.items[0]?.docText);
    const wrong = { raw: raw(7), dataStream: 'd', pipeline: null, canonical: { text: '{"bogus":1}', selector } };
    expect(signCommit('c', head0(), [wrong], selector, 1).items[0]?.docText).not.toBe(b.items[0]?.docText);
  });

  it('names the log that cannot be read', () => {
    const logs = [{ raw: raw(0), dataStream: 'd', pipeline: null }, { raw: '{"a":', dataStream: 'd', pipeline: null }];
    expect(() => signCommit('c', head0(), logs, selector, 1)).toThrow(/^log 1: /);
  });
});

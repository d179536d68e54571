import { describe, expect, it } from 'vitest';
import { decodeCorruptionId, encodeCorruptionId, type CorruptionIdData } from './corruption-id';

// El Proxy's two published CorruptionIds (reference §8.7): decoded content and the base64
// prefixes printed in its report.
const GAP: CorruptionIdData = {
  from_iteration: 0,
  to_iteration: 1,
  previous_hash: null,
  next_hash: '7c426e59c5dd419082ddd4ef5397d7a0c96bbb416ed1cd98793241bb89568b0c',
  acknowledge_blockchain_id: 'acknowledge-elproxysigned-mycustomer2-infinite-0',
};
const WRONG_HASH: CorruptionIdData = {
  from_iteration: 16,
  to_iteration: 16,
  previous_hash: '0514bf7a0f6df6ca285a20a368ab5093b96811fdeaf2d5a8ab1d960c8244b72e',
  acknowledge_blockchain_id: 'acknowledge-elproxysigned-neteye-one_week-0',
};

describe('CorruptionId', () => {
  it("is byte-compatible with El Proxy's published ids", () => {
    const gap = encodeCorruptionId(GAP);
    expect(gap.startsWith('eyJmcm9tX2l0ZXJhdGlvbiI6MCwidG9faXRlcmF0aW9uIjoxLCJwcmV2aW91c19oYXNoIjpudWxsLCJuZXh0X2hhc2giOiI3YzQy')).toBe(true);
    expect(Buffer.from(gap, 'base64').toString()).toBe(
      '{"from_iteration":0,"to_iteration":1,"previous_hash":null,"next_hash":"7c426e59c5dd419082ddd4ef5397d7a0c96bbb416ed1cd98793241bb89568b0c","acknowledge_blockchain_id":"acknowledge-elproxysigned-mycustomer2-infinite-0"}',
    );
    const wrong = encodeCorruptionId(WRONG_HASH);
    expect(wrong.startsWith('eyJmcm9tX2l0ZXJhdGlvbiI6MTYs')).toBe(true);
    expect(decodeCorruptionId(gap)).toEqual(GAP);
    expect(decodeCorruptionId(` ${wrong}\n`)).toEqual(WRONG_HASH);
    expect(decodeCorruptionId(encodeCorruptionId({ ...GAP, from_iteration: 5, to_iteration: 9, previous_hash: WRONG_HASH.previous_hash, next_hash: null }))).toMatchObject({ next_hash: null });
  });

  const b64 = (s: string) => Buffer.from(s).toString('base64');
  it.each([
    ['empty', ''],
    ['not base64', '!!!'],
    ['bad padding', 'eyJ'],
    ['not JSON', b64('{nope')],
    ['array', b64('[1]')],
    ['unknown member', b64('{"from_iteration":1,"to_iteration":1,"previous_hash":null,"acknowledge_blockchain_id":"acknowledge-a-b-c-d","x":1}')],
    ['negative', b64('{"from_iteration":-1,"to_iteration":1,"previous_hash":null,"acknowledge_blockchain_id":"acknowledge-a-b-c-d"}')],
    ['to < from', b64('{"from_iteration":3,"to_iteration":1,"previous_hash":null,"acknowledge_blockchain_id":"acknowledge-a-b-c-d"}')],
    ['bad previous_hash', b64('{"from_iteration":1,"to_iteration":1,"previous_hash":"x","acknowledge_blockchain_id":"acknowledge-a-b-c-d"}')],
    ['hash at iteration 0', b64(`{"from_iteration":0,"to_iteration":1,"previous_hash":"${'a'.repeat(64)}","acknowledge_blockchain_id":"acknowledge-a-b-c-d"}`)],
    ['bad next_hash', b64('{"from_iteration":1,"to_iteration":1,"previous_hash":null,"next_hash":5,"acknowledge_blockchain_id":"acknowledge-a-b-c-d"}')],
    ['bad blockchain id', b64('{"from_iteration":1,"to_iteration":1,"previous_hash":null,"acknowledge_blockchain_id":"acknowledge-../x"}')],
    ['too long', 'A'.repeat(5000)],
  ])('rejects %s with RangeError', (_n, id) => {
    expect(() => decodeCorruptionId(id)).toThrow(RangeError);
  });

  it('rejects non-strings and invalid data to encode', () => {
    expect(() => decodeCorruptionId(5 as unknown as string)).toThrow(TypeError);
    expect(() => encodeCorruptionId({ ...WRONG_HASH, to_iteration: 3 })).toThrow(RangeError);
    expect(() => encodeCorruptionId(null as unknown as CorruptionIdData)).toThrow(RangeError);
  });
});

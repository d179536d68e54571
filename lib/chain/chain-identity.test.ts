import { describe, expect, it } from 'vitest';
import { acknowledgeBlockchainId, assertChainIdentity, chainIndexPattern, chainName, identityKey, nameComponentProblem } from './chain-identity';

const id = { module: 'elproxysigned', customer: 'neteye', retention: '6_months', tag: '0' };

describe('chain identity', () => {
  it('derives El Proxy names', () => {
    expect(chainName(id)).toBe('elproxysigned-neteye-6_months-0');
    expect(acknowledgeBlockchainId(id)).toBe('acknowledge-elproxysigned-neteye-6_months-0');
    expect(chainIndexPattern(id)).toBe('*-*-elproxysigned-neteye-6_months-0');
  });

  it.each([
    ['', 'must not be empty'],
    ['A', 'lowercase'],
    ['a-b', 'lowercase'],
    ['a/b', 'lowercase'],
    ['.hidden', 'must not start'],
    ['a..b', '".."'],
    ['x'.repeat(65), 'at most 64'],
    [7, 'must be a string'],
  ])('rejects component %j', (v, msg) => {
    expect(nameComponentProblem(v)).toContain(msg);
  });

  it('keys identities for grouping: equal parts give equal keys, and no two identities share one', () => {
    const a = { module: 'filebeat', customer: 'acme', retention: '6_months', tag: '0' };
    expect(identityKey({ ...a })).toBe(identityKey(a));
    expect(identityKey({ ...a, tag: '1' })).not.toBe(identityKey(a));
    // Joined with "-" these two would collide; the key does not (and neither is a valid identity).
    expect(identityKey({ module: 'a-b', customer: 'c', retention: 'd', tag: 'e' })).not.toBe(identityKey({ module: 'a', customer: 'b-c', retention: 'd', tag: 'e' }));
  });

  it('accepts El Proxy examples', () => {
    for (const v of ['neteye', '6_months', '0', 'one_week', '7.10.1', 'nginx.access', 'elproxysigned']) expect(nameComponentProblem(v)).toBeNull();
  });

  it('names the bad component', () => {
    expect(() => assertChainIdentity({ ...id, customer: '../etc' })).toThrow(/^customer /);
    expect(() => chainName({ ...id, tag: 'A' })).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { nameComponentProblem } from '../chain';
import { chainComponentProblem, chainNameSchema } from '../shared';

// lib/shared may not import lib/chain, so the console's chain-name rule is a copy of the ingest
// path's (lib/chain nameComponentProblem). This table keeps the two identical, word for word.

const CASES = ['', 'a', 'acme', '0', '6_months', 'tag.2', '_x', '.x', 'a..b', 'a.', 'A', 'a-b', 'a/b', 'a*', 'a,b', 'a b', 'é', 'a\u0000', 'x'.repeat(64), 'x'.repeat(65), '..', '_', 'a_.b', '🙂'];

describe('chain name rules', () => {
  it.each(CASES)('component %j: same verdict and words as lib/chain', (c) => {
    expect(chainComponentProblem(c)).toBe(nameComponentProblem(c));
  });

  it('accepts exactly four valid components', () => {
    expect(chainNameSchema.safeParse('elproxysigned-acme-6_months-0').success).toBe(true);
    for (const bad of ['elproxysigned-acme-6_months', 'a-b-c-d-e', 'elproxysigned-acme-6_months-', '*-*-*-*', 'a-b-c-d\n']) {
      expect(chainNameSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

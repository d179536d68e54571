import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkEntries, entryFromDocument, type VerifyEntry } from './verify-entry';
import { createSequenceVerifier, type LogError } from './sequence-verifier';
import { verifyEntries } from './verify-entries';
import { ErrorCode, WarningCode } from './verification-codes';
import { decodeCorruptionId } from './corruption-id';
import { headFromKeyFile, headToKeyFile } from './chain-head';
import { deriveKey } from './key-material';
import { signBatch } from './sign-batch';
import { ACK_ID, SELECTOR, key0, makeChain, makeLogs } from './__fixtures__/chain-fixture';

const verify = (entries: VerifyEntry[], extra: Partial<Parameters<typeof verifyEntries>[1]> = {}) =>
  verifyEntries(entries, { key: key0(), iteration: 0, previousHash: null, acknowledgeBlockchainId: ACK_ID, ...extra });
const iterationsOf = (e: LogError): [number, number] => ('iteration' in e ? [e.iteration, e.iteration] : [e.fromIteration, e.toIteration]);

describe('verification of an intact chain', () => {
  it('reports nothing for a clean chain and returns the resume point', () => {
    const { entries, head } = makeChain(40);
    const r = verify(entries);
    expect(r.errors).toEqual([]);
    expect(r.duplicateIterations).toEqual([]);
    expect(r.checked).toBe(40);
    expect(r.nextIteration).toBe(40);
    expect(r.lastHashes).toEqual([headToKeyFile(head).previous_hash]);
  });

  it('gives the same result page by page and from a resume point', () => {
    const { entries } = makeChain(30);
    const seq = createSequenceVerifier({ iteration: 10, previousHash: entries[9]!.hash as string, acknowledgeBlockchainId: ACK_ID });
    for (const page of [entries.slice(10, 13), entries.slice(13, 13), entries.slice(13, 30)]) {
      if (page.length) seq.push(checkEntries(page, { key: deriveKey(key0(), page[0]!.iteration), iteration: page[0]!.iteration }));
    }
    const r = seq.finish();
    expect(r.errors).toEqual([]);
    expect(r.checked).toBe(20);
    expect(() => seq.finish()).toThrow(RangeError);
    expect(() => seq.push([])).toThrow(RangeError);
  });

  it('skips the first link check when the previous hash is unknown', () => {
    const { entries } = makeChain(10);
    const r = verifyEntries(entries.slice(4), { key: deriveKey(key0(), 4), iteration: 4, previousHash: undefined, acknowledgeBlockchainId: ACK_ID });
    expect(r.errors).toEqual([]);
  });
});

describe('edge runs', () => {
  it('an empty run is clean, or one gap when an end is expected', () => {
    expect(verify([])).toMatchObject({ errors: [], checked: 0, nextIteration: 0, lastHashes: [] });
    const r = verify([], { endIteration: 4 });
    expect(r.errors.map((e) => [e.code, ...iterationsOf(e)])).toEqual([[ErrorCode.LogBadIteration, 0, 4]]);
    expect(verifyEntries([], { key: key0(), iteration: 3, previousHash: undefined, acknowledgeBlockchainId: ACK_ID }).lastHashes).toEqual([]);
  });

  it('a log after one with no usable hash is not link-checked', () => {
    const { entries } = makeChain(4);
    const broken = [entries[0]!, { ...entries[1]!, hash: 'bad', iteration: 2000 }, { ...entries[2]!, iteration: 2001 }];
    const r = verify(broken, { maxGap: 100 });
    expect(r.errors.map((e) => [e.code, ...iterationsOf(e)])).toEqual([
      [ErrorCode.LogBadIteration, 1, 1999],
      [ErrorCode.LogWrongHash, 2000, 2000],
      [ErrorCode.LogWrongHash, 2001, 2001],
    ]);
  });
});

describe('El Proxy error codes with CorruptionIds', () => {
  it('missing logs: one Bad Iteration error per gap (leading, inner, trailing)', () => {
    const { entries } = makeChain(12);
    const kept = entries.filter((e) => ![0, 1, 5, 6, 7].includes(e.iteration));
    const r = verify(kept, { endIteration: 13 });
    expect(r.errors.map((e) => [e.code, ...iterationsOf(e)])).toEqual([
      [ErrorCode.LogBadIteration, 0, 1],
      [ErrorCode.LogBadIteration, 5, 7],
      [ErrorCode.LogBadIteration, 12, 13],
    ]);
    expect(r.errors[0]!.corruption).toEqual({ from_iteration: 0, to_iteration: 1, previous_hash: null, next_hash: entries[2]!.hash, acknowledge_blockchain_id: ACK_ID });
    expect(decodeCorruptionId(r.errors[1]!.corruptionId)).toEqual({ from_iteration: 5, to_iteration: 7, previous_hash: entries[4]!.hash, next_hash: entries[8]!.hash, acknowledge_blockchain_id: ACK_ID });
    expect(r.errors[2]!.corruption).toMatchObject({ from_iteration: 12, to_iteration: 13, previous_hash: entries[11]!.hash, next_hash: null });
    expect(verify(entries, { endIteration: 11 }).errors).toEqual([]);
  });

  it('wrong hash: content changed', () => {
    const { entries } = makeChain(20);
    entries[16] = { ...entries[16]!, fields: { ...(entries[16]!.fields as object), message: 'forged' } };
    const r = verify(entries);
    expect(r.errors).toHaveLength(1);
    const e = r.errors[0]!;
    expect(e).toMatchObject({ code: ErrorCode.LogWrongHash, iteration: 16, foundHash: entries[16]!.hash });
    expect(e.code === ErrorCode.LogWrongHash && e.expectedHash).toMatch(/^[0-9a-f]{64}$/);
    expect(e.corruption).toEqual({ from_iteration: 16, to_iteration: 16, previous_hash: entries[15]!.hash, acknowledge_blockchain_id: ACK_ID });
  });

  it('wrong previous hash: a validly signed log that links elsewhere', () => {
    const { entries } = makeChain(6);
    // Sign iteration 3 again on a fork whose previous hash is not log 2's.
    const fork = headFromKeyFile({ key: Buffer.from(deriveKey(key0(), 3)).toString(), iteration: 3, previous_hash: 'f'.repeat(64) });
    const b = signBatch(fork, makeLogs(1, 3), { selector: SELECTOR, timestampMs: 1 }).signed[0]!.blockchain;
    entries[3] = { iteration: 3, hash: b.hash, previousHash: b.previous_hash, timestampMs: 1, fields: b.fields, version: 1 };
    const r = verify(entries);
    expect(r.errors.map((e) => e.code)).toEqual([ErrorCode.LogWrongPreviousHash, ErrorCode.LogWrongPreviousHash]);
    expect(r.errors[0]).toMatchObject({ iteration: 3, expectedPreviousHash: entries[2]!.hash, foundPreviousHash: 'f'.repeat(64) });
    // Log 4 linked to the original log 3, which is gone.
    expect(r.errors[1]).toMatchObject({ iteration: 4, foundPreviousHash: makeChain(6).entries[4]!.previousHash });
  });

  it('duplicates: all valid → a warning; one invalid → only an error', () => {
    const { entries } = makeChain(5);
    const twin = signBatch(headFromKeyFile({ key: Buffer.from(deriveKey(key0(), 2)).toString(), iteration: 2, previous_hash: entries[1]!.hash as string }), makeLogs(1, 99), { selector: SELECTOR, timestampMs: 9 }).signed[0]!.blockchain;
    const dup = { iteration: 2, hash: twin.hash, previousHash: twin.previous_hash, timestampMs: 9, fields: twin.fields, version: 1 };
    const withDup = [...entries.slice(0, 3), dup, ...entries.slice(3)];
    const r = verify(withDup);
    expect(r.errors).toEqual([]);
    expect(r.duplicateIterations).toEqual([2]);
    expect(WarningCode.DuplicateLogFound).toBe('Duplicate Log Found');
    // The same document stored twice (DLQ recovered after a rollover) is a duplicate too.
    expect(verify([...entries.slice(0, 3), entries[2]!, ...entries.slice(3)]).duplicateIterations).toEqual([2]);
    const bad = [...entries.slice(0, 3), { ...dup, timestampMs: 10 }, ...entries.slice(3)];
    const rb = verify(bad);
    expect(rb.duplicateIterations).toEqual([]);
    expect(rb.errors.map((e) => [e.code, ...iterationsOf(e)])).toEqual([[ErrorCode.LogWrongHash, 2, 2]]);
  });

  it('a malformed stored record is a Wrong Hash at its iteration, never an exception', () => {
    const { entries } = makeChain(6);
    const variants: Partial<VerifyEntry>[] = [{ hash: 'zz' }, { hash: 42 }, { hash: null }, { fields: 'x' }, { fields: { f: () => 1 } }, { timestampMs: -1 }, { timestampMs: '1' }, { version: 2 }, { previousHash: 'nothex' }];
    for (const v of variants) {
      const copy = entries.slice();
      copy[3] = { ...copy[3]!, ...v } as VerifyEntry;
      const r = verify(copy);
      expect(r.errors.map((e) => [e.code, ...iterationsOf(e)]), JSON.stringify(v)).toEqual([[ErrorCode.LogWrongHash, 3, 3]]);
    }
    const zero = entries.slice();
    zero[0] = { ...zero[0]!, previousHash: 'a'.repeat(64) };
    expect(verify(zero).errors.map((e) => [e.code, ...iterationsOf(e)])).toEqual([[ErrorCode.LogWrongHash, 0, 0]]);
    const r = verify([{ ...entries[0]!, hash: 7 }]);
    expect(r.errors[0]).toMatchObject({ foundHash: '<number>', expectedHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(verify([{ ...entries[0]!, hash: null }]).errors[0]).toMatchObject({ foundHash: '<null>' });
  });

  it('refuses to hash towards an absurd iteration (maxGap) and reports it', () => {
    const { entries } = makeChain(3);
    const far = { ...entries[2]!, iteration: 1e12 };
    const r = verify([entries[0]!, entries[1]!, far], { maxGap: 1000 });
    expect(r.errors.map((e) => [e.code, ...iterationsOf(e)])).toEqual([
      [ErrorCode.LogBadIteration, 2, 1e12 - 1],
      [ErrorCode.LogWrongHash, 1e12, 1e12],
    ]);
    expect(r.errors[1]).toMatchObject({ expectedHash: null });
  });
});

describe('tamper detection (properties)', () => {
  type Mutation = 'field' | 'addField' | 'dropField' | 'hash' | 'previousHash' | 'timestamp' | 'version' | 'iteration';
  const mutations: Mutation[] = ['field', 'addField', 'dropField', 'hash', 'previousHash', 'timestamp', 'version', 'iteration'];
  const { entries: chain } = makeChain(24, 5);

  it('any single change is detected at exactly the changed iteration', () => {
    fc.assert(
      fc.property(fc.nat({ max: 23 }), fc.constantFrom(...mutations), fc.integer({ min: 1, max: 30 }), (at, m, delta) => {
        const entries = chain.slice();
        const e = entries[at]!;
        const fields = e.fields as Record<string, unknown>;
        let moved: number | undefined;
        switch (m) {
          case 'field': entries[at] = { ...e, fields: { ...fields, n: (fields.n as number) + delta } }; break;
          case 'addField': entries[at] = { ...e, fields: { ...fields, extra: delta } }; break;
          case 'dropField': { const { message: _m, ...rest } = fields; entries[at] = { ...e, fields: rest }; break; }
          case 'hash': entries[at] = { ...e, hash: flip(e.hash as string, delta) }; break;
          case 'previousHash': entries[at] = { ...e, previousHash: e.previousHash === null ? 'c'.repeat(64) : flip(e.previousHash as string, delta) }; break;
          case 'timestamp': entries[at] = { ...e, timestampMs: (e.timestampMs as number) + delta }; break;
          case 'version': entries[at] = { ...e, version: 1 + delta }; break;
          case 'iteration':
            moved = Math.max(0, at + (delta % 2 ? delta : -delta));
            if (moved === at) moved = at + 1;
            entries[at] = { ...e, iteration: moved };
            entries.sort((a, b) => a.iteration - b.iteration); // the store returns iteration order
            break;
        }
        const r = verify(entries, { endIteration: 23 });
        expect(r.errors.length).toBeGreaterThan(0);
        if (moved === undefined) {
          expect(r.errors.map((x) => [x.code, ...iterationsOf(x)])).toEqual([[ErrorCode.LogWrongHash, at, at]]);
        } else {
          // A moved log is missing at its old place and wrong at its new one; a move past the end
          // also leaves the iterations in between missing. Nothing outside that span is reported.
          const lo = Math.min(at, moved);
          const hi = Math.max(at, moved);
          for (const x of r.errors) {
            const [from, to] = iterationsOf(x);
            expect(from <= hi && to >= lo).toBe(true);
          }
          expect(r.errors.some((x) => { const [from, to] = iterationsOf(x); return from <= at && at <= to; })).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('deleting any run of logs is one Bad Iteration error for exactly that run', () => {
    fc.assert(
      fc.property(fc.nat({ max: 23 }), fc.nat({ max: 5 }), (from, len) => {
        const to = Math.min(23, from + len);
        const r = verify(chain.filter((e) => e.iteration < from || e.iteration > to), { endIteration: 23 });
        expect(r.errors.map((x) => [x.code, ...iterationsOf(x)])).toEqual([[ErrorCode.LogBadIteration, from, to]]);
      }),
      { numRuns: 200 },
    );
  });
});

function flip(hex: string, delta: number): string {
  const i = delta % hex.length;
  const c = hex[i] === '0' ? '1' : '0';
  return hex.slice(0, i) + c + hex.slice(i + 1);
}

describe('entryFromDocument', () => {
  it('extracts ES_BLOCKCHAIN members as found', () => {
    const doc = { message: 'x', ES_BLOCKCHAIN: { iteration: 3, hash: 'h', previous_hash: 'p', timestamp_ms: 5, fields: { a: 1 }, version: 1 } };
    expect(entryFromDocument(doc)).toEqual({ entry: { iteration: 3, hash: 'h', previousHash: 'p', timestampMs: 5, fields: { a: 1 }, version: 1 } });
  });
  it.each([
    ['not an object', 'x'],
    ['no ES_BLOCKCHAIN', { a: 1 }],
    ['ES_BLOCKCHAIN not an object', { ES_BLOCKCHAIN: [1] }],
    ['iteration missing', { ES_BLOCKCHAIN: {} }],
    ['iteration negative', { ES_BLOCKCHAIN: { iteration: -1 } }],
    ['iteration fractional', { ES_BLOCKCHAIN: { iteration: 1.5 } }],
    ['iteration a string', { ES_BLOCKCHAIN: { iteration: '1' } }],
  ])('explains a document it cannot place: %s', (_n, doc) => {
    expect(entryFromDocument(doc)).toHaveProperty('problem');
  });
});

describe('misuse is refused', () => {
  it('checkEntries and the sequence verifier validate their arguments', () => {
    const { entries } = makeChain(3);
    expect(() => checkEntries(entries, { key: key0(), iteration: -1 })).toThrow(RangeError);
    expect(() => checkEntries(entries, { key: key0(), iteration: 0, maxGap: -1 })).toThrow(RangeError);
    expect(() => checkEntries([entries[1]!, entries[0]!], { key: key0(), iteration: 0 })).toThrow(/out of order/);
    expect(() => checkEntries(entries, { key: key0(), iteration: 1 })).toThrow(/out of order/);
    expect(() => checkEntries(entries, { key: new Uint8Array(1), iteration: 0 })).toThrow(RangeError);
    expect(() => createSequenceVerifier({ iteration: -1, previousHash: null, acknowledgeBlockchainId: ACK_ID })).toThrow(RangeError);
    expect(() => createSequenceVerifier({ iteration: 0, previousHash: 'a'.repeat(64), acknowledgeBlockchainId: ACK_ID })).toThrow(RangeError);
    expect(() => createSequenceVerifier({ iteration: 3, previousHash: null, acknowledgeBlockchainId: ACK_ID })).toThrow(RangeError);
    const seq = createSequenceVerifier({ iteration: 2, previousHash: undefined, acknowledgeBlockchainId: ACK_ID });
    const checks = checkEntries(entries, { key: key0(), iteration: 0 });
    expect(() => seq.push(checks.slice(0, 1))).toThrow(/out of order/);
    seq.push(checks.slice(2));
    expect(() => seq.push(checks.slice(1, 2))).toThrow(/out of order/);
    expect(() => seq.finish(1.5)).toThrow(RangeError);
  });
});

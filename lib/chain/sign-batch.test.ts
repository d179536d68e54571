import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { genesisHead, headFromKeyFile, headToKeyFile } from './chain-head';
import { deriveKey, isWiped, keyFromHex, keyToHex, wipeKey } from './key-material';
import { ChainError } from './errors';
import { SignedLog, canonicalFieldsOf, signBatch, signCanonical, unsignableReason } from './sign-batch';
import { compileFieldSelector } from './select-fields';
import { signingMessage } from './signing-message';
import { K0_HEX, SELECTOR, makeLogs } from './__fixtures__/chain-fixture';
import type { JsonObject } from './json-value';

describe('signBatch', () => {
  it('signs each log with its own key over the canonical message and links the hashes', () => {
    const head = genesisHead(keyFromHex(K0_HEX));
    const logs = makeLogs(3);
    const { signed, head: next } = signBatch(head, logs, { selector: SELECTOR, timestampMs: 1700000000000 });
    let prev: string | null = null;
    signed.forEach((s, i) => {
      const b = s.blockchain;
      expect(b.iteration).toBe(i);
      expect(b.previous_hash).toBe(prev);
      expect(b.fields).toEqual({ message: `log ${i}`, host: { name: `h${i}` }, n: i });
      expect(b.version).toBe(1);
      expect(b.timestamp_ms).toBe(1700000000000);
      const key = keyToHex(deriveKey(keyFromHex(K0_HEX), i));
      const msg = `{"fields":{"host":{"name":"h${i}"},"message":"log ${i}","n":${i}},"iteration":${i},"previous_hash":${prev === null ? 'null' : `"${prev}"`},"timestamp_ms":1700000000000,"version":1}`;
      expect(signingMessage({ fields: b.fields, iteration: i, previousHash: prev, timestampMs: 1700000000000 })).toBe(msg);
      expect(s.canonicalFields).toBe(msg.slice('{"fields":'.length, msg.indexOf(',"iteration"')));
      expect(b.hash).toBe(createHmac('sha256', key).update(msg).digest('hex'));
      prev = b.hash;
    });
    expect(headToKeyFile(next)).toEqual({ key: keyToHex(deriveKey(keyFromHex(K0_HEX), 3)), iteration: 3, previous_hash: prev });
  });

  it('gives the same chain whatever the batch boundaries', () => {
    const logs = makeLogs(10);
    const one = signBatch(genesisHead(keyFromHex(K0_HEX)), logs, { selector: SELECTOR, timestampMs: 5 });
    let head = genesisHead(keyFromHex(K0_HEX));
    const hashes: string[] = [];
    for (const part of [logs.slice(0, 3), logs.slice(3, 3), logs.slice(3, 9), logs.slice(9)]) {
      const r = signBatch(head, part, { selector: SELECTOR, timestampMs: 5 });
      hashes.push(...r.signed.map((s) => s.blockchain.hash));
      head = r.head;
    }
    expect(hashes).toEqual(one.signed.map((s) => s.blockchain.hash));
    expect(headToKeyFile(head)).toEqual(headToKeyFile(one.head));
  });

  it('leaves the input head and logs intact; returns an independent head for an empty batch', () => {
    const head = headFromKeyFile({ key: K0_HEX, iteration: 0, previous_hash: null });
    const logs = makeLogs(2);
    const before = JSON.stringify(logs);
    const r = signBatch(head, logs, { selector: SELECTOR, timestampMs: 1 });
    expect(keyToHex(head.key)).toBe(K0_HEX);
    expect(JSON.stringify(logs)).toBe(before);
    const empty = signBatch(head, [], { selector: SELECTOR, timestampMs: 1 });
    expect(empty.signed).toEqual([]);
    expect(empty.head.key).not.toBe(head.key);
    expect(keyToHex(empty.head.key)).toBe(K0_HEX);
    expect(r.head.iteration).toBe(2);
  });

  it('builds the signed document on demand', () => {
    const r = signBatch(genesisHead(keyFromHex(K0_HEX)), makeLogs(1), { selector: SELECTOR, timestampMs: 1 });
    const s = r.signed[0] as SignedLog;
    expect(s).toBeInstanceOf(SignedLog);
    expect(s.document).toEqual({ ...s.log, ES_BLOCKCHAIN: s.blockchain });
    expect(s.log).not.toHaveProperty('ES_BLOCKCHAIN');
  });

  it('throws for a log whose signed fields are not JSON, keeping the input head usable', () => {
    const head = genesisHead(keyFromHex(K0_HEX));
    const logs = [...makeLogs(2), { bad: () => 1 } as unknown as JsonObject];
    expect(() => signBatch(head, logs, { selector: compileFieldSelector(['bad']), timestampMs: 1 })).toThrow(TypeError);
    expect(isWiped(head.key)).toBe(false);
    expect(signBatch(head, makeLogs(1), { selector: SELECTOR, timestampMs: 1 }).head.iteration).toBe(1);
  });

  it.each([
    ['a non-object log', ['x'], /log 0: a log must be a JSON object/],
    ['a log with ES_BLOCKCHAIN', [{ ES_BLOCKCHAIN: {} }], /already contains ES_BLOCKCHAIN/],
  ])('refuses %s with TypeError', (_n, logs, msg) => {
    expect(() => signBatch(genesisHead(keyFromHex(K0_HEX)), logs as JsonObject[], { selector: SELECTOR, timestampMs: 1 })).toThrow(msg);
  });

  it('rejects hostile options', () => {
    const head = genesisHead(keyFromHex(K0_HEX));
    expect(() => signBatch(head, 'x' as unknown as JsonObject[], { selector: SELECTOR, timestampMs: 1 })).toThrow(TypeError);
    expect(() => signBatch(head, [], { selector: SELECTOR, timestampMs: -1 })).toThrow(RangeError);
    expect(() => signBatch(head, [], { selector: SELECTOR, timestampMs: 1.5 })).toThrow(RangeError);
    const late = headFromKeyFile({ key: K0_HEX, iteration: Number.MAX_SAFE_INTEGER, previous_hash: 'a'.repeat(64) });
    expectCode(() => signBatch(late, [{}], { selector: SELECTOR, timestampMs: 1 }), 'ERR_CHAIN_STATE');
  });

  it('refuses a spent head with ERR_CHAIN_STATE', () => {
    const head = genesisHead(keyFromHex(K0_HEX));
    const r = signBatch(head, makeLogs(1), { selector: SELECTOR, timestampMs: 1 });
    wipeKey(head.key); // what the writer does once r.head is durable
    expectCode(() => signBatch(head, makeLogs(1), { selector: SELECTOR, timestampMs: 1 }), 'ERR_CHAIN_STATE');
    expect(signBatch(r.head, makeLogs(1), { selector: SELECTOR, timestampMs: 1 }).head.iteration).toBe(2);
  });

  it('unsignableReason explains what ingest must reject', () => {
    expect(unsignableReason({ a: 1 })).toBeNull();
    expect(unsignableReason([1])).toMatch(/JSON object/);
    expect(unsignableReason({ ES_BLOCKCHAIN: 1 })).toMatch(/ES_BLOCKCHAIN/);
  });
});

describe('signCanonical and canonicalFieldsOf', () => {
  it('give exactly the chain signBatch gives, across batch boundaries', () => {
    const logs = makeLogs(7);
    const reference = signBatch(genesisHead(keyFromHex(K0_HEX)), logs, { selector: SELECTOR, timestampMs: 42 });
    const texts = logs.map((l) => canonicalFieldsOf(l, SELECTOR));
    expect(texts).toEqual(reference.signed.map((s) => s.canonicalFields));
    let head = genesisHead(keyFromHex(K0_HEX));
    const links = [];
    for (const part of [texts.slice(0, 2), texts.slice(2, 2), texts.slice(2)]) {
      const r = signCanonical(head, part, { timestampMs: 42 });
      links.push(...r.links);
      if (head.iteration > 0) wipeKey(head.key);
      head = r.head;
    }
    expect(links).toEqual(reference.signed.map(({ blockchain: { fields: _fields, ...link } }) => link));
    expect(headToKeyFile(head)).toEqual(headToKeyFile(reference.head));
  });

  it('canonicalFieldsOf refuses what signBatch refuses, naming why', () => {
    expect(canonicalFieldsOf({ message: 'hi', other: 1 }, compileFieldSelector(['message']))).toBe('{"message":"hi"}');
    expect(() => canonicalFieldsOf([1], SELECTOR)).toThrow(/JSON object/);
    expect(() => canonicalFieldsOf({ ES_BLOCKCHAIN: {} }, SELECTOR)).toThrow(/ES_BLOCKCHAIN/);
    expect(() => canonicalFieldsOf({ message: Number.NaN }, SELECTOR)).toThrow(RangeError);
  });

  it('signCanonical checks its inputs and leaves the head intact on a throw', () => {
    const head = genesisHead(keyFromHex(K0_HEX));
    expect(() => signCanonical(head, 'x' as unknown as string[], { timestampMs: 1 })).toThrow(TypeError);
    expect(() => signCanonical(head, ['{}', 'x'], { timestampMs: 1 })).toThrow(/canonicalFields 1: not the text of a JSON object/);
    expect(() => signCanonical(head, [1 as unknown as string], { timestampMs: 1 })).toThrow(/canonicalFields 0/);
    expect(() => signCanonical(head, ['{"a":1'], { timestampMs: 1 })).toThrow(/canonicalFields 0/);
    expect(() => signCanonical(head, ['{}'], { timestampMs: -1 })).toThrow(RangeError);
    expectCode(() => signCanonical(headFromKeyFile({ key: K0_HEX, iteration: Number.MAX_SAFE_INTEGER, previous_hash: 'a'.repeat(64) }), ['{}'], { timestampMs: 1 }), 'ERR_CHAIN_STATE');
    expect(isWiped(head.key)).toBe(false);
    const empty = signCanonical(head, [], { timestampMs: 1 });
    expect(empty.links).toEqual([]);
    expect(empty.head.key).not.toBe(head.key);
    expect(signCanonical(head, ['{}'], { timestampMs: 1 }).head.iteration).toBe(1);
  });
});

function expectCode(fn: () => unknown, code: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ChainError);
  expect((caught as ChainError).code).toBe(code);
}

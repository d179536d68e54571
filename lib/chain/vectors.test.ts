import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  acknowledgementHashValid, canonicalNumberLiteral, canonicalize, compileFieldSelector, decodeCorruptionId, deriveKey, encodeCorruptionId,
  headFromKeyFile, headToKeyFile, keyFromHex, keyToHex, parseJson, signBatch, signingMessage, type JsonObject,
} from './index';

const file = path.join(__dirname, '__fixtures__', 'vectors.json');
const vectors = JSON.parse(fs.readFileSync(file, 'utf8'));

describe('known-answer vectors (lib/chain/__fixtures__/vectors.json)', () => {
  it('key evolution', () => {
    for (const e of vectors.key_evolution) expect(keyToHex(deriveKey(keyFromHex(vectors.key0), e.iteration))).toBe(e.key);
  });

  it('numbers and canonical JSON', () => {
    for (const n of vectors.numbers) expect(canonicalNumberLiteral(n.literal)).toBe(n.canonical);
    for (const c of vectors.canonical_json) expect(canonicalize(parseJson(c.json))).toBe(c.canonical);
  });

  type ChainVector = { name: string; include_fields: string[]; head: never; timestamp_ms: number; logs: string[]; expected: Record<string, unknown>[]; final_head: unknown };
  it.each((vectors.chains as ChainVector[]).map((c) => ({ name: c.name, chain: c })))('signing chain $name', ({ chain }) => {
    const r = signBatch(headFromKeyFile(chain.head), chain.logs.map((t) => parseJson(t) as JsonObject), { selector: compileFieldSelector(chain.include_fields), timestampMs: chain.timestamp_ms });
    r.signed.forEach((s, i) => {
      const e = chain.expected[i]!;
      const b = s.blockchain;
      expect({ iteration: b.iteration, previous_hash: b.previous_hash, fields_canonical: s.canonicalFields, hash: b.hash }).toEqual({
        iteration: e.iteration, previous_hash: e.previous_hash, fields_canonical: e.fields_canonical, hash: e.hash,
      });
      expect(signingMessage({ fields: b.fields, iteration: b.iteration, previousHash: b.previous_hash, timestampMs: chain.timestamp_ms })).toBe(e.signing_message);
    });
    expect(headToKeyFile(r.head)).toEqual(chain.final_head);
  });

  it('CorruptionIds encode and decode both ways', () => {
    for (const c of vectors.corruption_ids) {
      expect(encodeCorruptionId(c.data)).toBe(c.id);
      expect(decodeCorruptionId(c.id)).toEqual(c.data);
    }
  });

  it('acknowledgements verify with their key', () => {
    for (const a of vectors.acknowledgements) {
      expect(acknowledgementHashValid(a.acknowledgement, keyFromHex(a.key_at_from))).toBe(true);
      expect(acknowledgementHashValid({ ...a.acknowledgement, reason: 'edited' }, keyFromHex(a.key_at_from))).toBe(false);
    }
  });
});

describe('independent implementation (crosscheck-vectors.py, Python standard library)', () => {
  const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['--version']).status === 0);
  const script = path.join(__dirname, '__fixtures__', 'crosscheck-vectors.py');

  it('recomputes every vector from the README rules', () => {
    expect(python, 'python3 is required for the cross-check').toBeDefined();
    const out = execFileSync(python!, [script, file], { encoding: 'utf8' });
    expect(out).toMatch(/^\d+ vectors cross-checked, 0 mismatches/m);
  });

  it('catches a wrong vector', () => {
    const bad = structuredClone(vectors);
    bad.chains[1].expected[0].hash = '0'.repeat(64);
    const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vectors-')), 'bad.json');
    fs.writeFileSync(tmp, JSON.stringify(bad));
    const r = spawnSync(python!, [script, tmp], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/MISMATCH chain numbers iteration 0 hash/);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseJson, parseJsonArrayElements } from './parse-json';
import { genesisHead } from './chain-head';
import { keyFromHex } from './key-material';
import { signBatch } from './sign-batch';
import { compileFieldSelector } from './select-fields';
import { canonicalize } from './canonicalize';
import { signedDocumentText } from './signed-document-text';
import type { JsonObject } from './json-value';

describe('parseJsonArrayElements', () => {
  it('reports each element span', () => {
    const text = ' [ {"a":1} ,2,"x" ,[ ] ] ';
    const { values, spans } = parseJsonArrayElements(text);
    expect(values).toEqual([{ a: 1 }, 2, 'x', []]);
    expect(spans.map(([s, e]) => text.slice(s, e))).toEqual(['{"a":1}', '2', '"x"', '[ ]']);
    expect(parseJsonArrayElements('[]')).toEqual({ values: [], spans: [] });
  });

  it('every span re-parses to its element (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 8 }), fc.constantFrom('', ' ', '\n\t'), (arr, ws) => {
        const text = `${ws}[${arr.map((v) => ws + JSON.stringify(v) + ws).join(',')}]${ws}`;
        const { values, spans } = parseJsonArrayElements(text);
        expect(spans).toHaveLength(arr.length);
        spans.forEach(([s, e], i) => expect(parseJson(text.slice(s, e))).toEqual(values[i]));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses what is not a JSON array', () => {
    expect(() => parseJsonArrayElements('{"a":1}')).toThrow(TypeError);
    expect(() => parseJsonArrayElements('5')).toThrow(/not an array/);
    expect(() => parseJsonArrayElements('{"a":')).toThrow(SyntaxError);
    expect(() => parseJsonArrayElements('[1,]')).toThrow(SyntaxError);
    expect(() => parseJsonArrayElements('[1] x')).toThrow(SyntaxError);
    expect(() => parseJsonArrayElements('[[[1]]]', { maxDepth: 2 })).toThrow(RangeError);
    expect(() => parseJsonArrayElements(1 as unknown as string)).toThrow(TypeError);
    expect(() => parseJsonArrayElements('[]', { maxDepth: 0 })).toThrow(RangeError);
  });
});

describe('signedDocumentText', () => {
  const selector = compileFieldSelector(['n', 'm']);
  const sign = (raw: string) => {
    const log = parseJson(raw) as JsonObject;
    const s = signBatch(genesisHead(keyFromHex('0123456789abcdef'.repeat(4))), [log], { selector, timestampMs: 7 }).signed[0]!;
    return { s, text: signedDocumentText(raw, s.blockchain, s.canonicalFields) };
  };

  it('appends ES_BLOCKCHAIN to the received bytes, keeping order and number spelling', () => {
    const raw = '{"z":1.50,"2":"two","n":9007199254740993, "m":{"b":1e3,"a":-0}}';
    const { s, text } = sign(raw);
    expect(text.startsWith('{"z":1.50,"2":"two","n":9007199254740993, "m":{"b":1e3,"a":-0},"ES_BLOCKCHAIN":{"fields":')).toBe(true);
    const parsed = parseJson(text) as JsonObject;
    expect(canonicalize(parsed)).toBe(canonicalize({ ...(parseJson(raw) as JsonObject), ES_BLOCKCHAIN: s.blockchain as unknown as JsonObject }));
    expect(text.endsWith(`"iteration":0,"timestamp_ms":7,"version":1}}`)).toBe(true);
    expect(text).toContain(`"hash":"${s.blockchain.hash}","previous_hash":null`);
  });

  it('keeps a pretty-printed log on one line without changing it', () => {
    const raw = '{\r\n  "m": "a\\nb",\n  "n": 1.50\n}';
    const { text } = sign(raw);
    expect(text).not.toMatch(/[\r\n]/);
    expect(text.startsWith('{    "m": "a\\nb",   "n": 1.50 ,"ES_BLOCKCHAIN":')).toBe(true);
    expect((parseJson(text) as JsonObject).m).toBe('a\nb');
  });

  it('turns a lone CR between tokens into a space as well', () => {
    const { text } = sign('{"a":1,\r"b":2}');
    expect(text.startsWith('{"a":1, "b":2,"ES_BLOCKCHAIN":')).toBe(true);
  });

  it('handles an empty object and surrounding whitespace', () => {
    const { text } = sign(' { \n } ');
    expect(text.startsWith('{   "ES_BLOCKCHAIN":{"fields":{},')).toBe(true);
    expect(parseJson(text)).toHaveProperty('ES_BLOCKCHAIN.iteration', 0);
    const second = signBatch(genesisHead(keyFromHex('0123456789abcdef'.repeat(4))), [{}, {}], { selector, timestampMs: 7 }).signed[1]!;
    expect(signedDocumentText('{}', second.blockchain, second.canonicalFields)).toContain(`"previous_hash":"${second.blockchain.previous_hash}"`);
  });

  it('refuses text that is not an object', () => {
    const { s } = sign('{}');
    expect(() => signedDocumentText('[1]', s.blockchain, s.canonicalFields)).toThrow(TypeError);
    expect(() => signedDocumentText('{"a":1', s.blockchain, s.canonicalFields)).toThrow(TypeError);
    expect(() => signedDocumentText(5 as unknown as string, s.blockchain, s.canonicalFields)).toThrow(TypeError);
  });
});

import { LosslessNumber, type JsonObject, type JsonValue } from './json-value';

/** Default nesting limit: deeper documents are rejected (Elasticsearch refuses them too). */
export const DEFAULT_MAX_DEPTH = 128;

export interface ParseOptions {
  /** Maximum nesting of arrays/objects (default {@link DEFAULT_MAX_DEPTH}). */
  maxDepth?: number;
}

/**
 * Parses JSON text strictly (RFC 8259 + I-JSON, RFC 7493) into the lossless value model.
 *
 * - A number becomes a JS `number` only when `String(Number(text)) === text`, i.e. when the
 *   double reproduces the literal exactly; otherwise a {@link LosslessNumber} keeps the literal.
 *   This is the "fast path / lossless path" split of the signing format (README §Numbers).
 * - Duplicate object keys, lone surrogates (`"\ud800"`) and anything RFC 8259 forbids
 *   (trailing commas, comments, single quotes, raw control characters, leading zeros, NaN) are
 *   rejected: they have no canonical form.
 * - The key `__proto__` is stored as an own property, never as a prototype.
 *
 * Input is attacker-controlled (log bodies, documents read back for verification).
 *
 * @throws {TypeError} when `text` is not a string.
 * @throws {SyntaxError} on malformed or non-I-JSON text, with the character position.
 * @throws {RangeError} when nesting exceeds `maxDepth`.
 * @example parseJson('{"n":9007199254740993}') // { n: LosslessNumber('9007199254740993') }
 */
export function parseJson(text: string, options: ParseOptions = {}): JsonValue {
  if (typeof text !== 'string') throw new TypeError('parseJson: text must be a string');
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!Number.isSafeInteger(maxDepth) || maxDepth < 1) throw new RangeError('parseJson: maxDepth must be a positive integer');
  const p = new Parser(text, maxDepth);
  p.skipWs();
  const value = p.value(0);
  p.skipWs();
  if (p.pos !== text.length) p.fail('unexpected data after the JSON value');
  return value;
}

/**
 * Parses a JSON array and reports where each element's text starts and ends, so that a caller
 * can keep an element's exact bytes (ingest stores each received log verbatim, with
 * `ES_BLOCKCHAIN` spliced in). Same rules and errors as {@link parseJson}.
 * @throws {TypeError} when the text is valid JSON but not an array.
 * @example parseJsonArrayElements('[{"a":1}, 2]') // { values: [{a:1}, 2], spans: [[1, 8], [10, 11]] }
 */
export function parseJsonArrayElements(text: string, options: ParseOptions = {}): { values: JsonValue[]; spans: [number, number][] } {
  if (typeof text !== 'string') throw new TypeError('parseJsonArrayElements: text must be a string');
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!Number.isSafeInteger(maxDepth) || maxDepth < 1) throw new RangeError('parseJsonArrayElements: maxDepth must be a positive integer');
  const p = new Parser(text, maxDepth);
  p.skipWs();
  if (text.charCodeAt(p.pos) !== 0x5b) {
    p.value(0); // a malformed body is reported as such before "not an array"
    throw new TypeError('the JSON value is not an array');
  }
  const spans: [number, number][] = [];
  const values = p.array(1, spans);
  p.skipWs();
  if (p.pos !== text.length) p.fail('unexpected data after the JSON value');
  return { values, spans };
}

/**
 * Decodes UTF-8 bytes (invalid sequences rejected, a leading BOM refused as RFC 8259 §8.1 allows)
 * and parses them with {@link parseJson}.
 * @throws {TypeError} when `bytes` is not a Uint8Array or is not valid UTF-8.
 */
export function parseJsonBytes(bytes: Uint8Array, options: ParseOptions = {}): JsonValue {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('parseJsonBytes: bytes must be a Uint8Array');
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new TypeError('parseJsonBytes: input is not valid UTF-8');
  }
  return parseJson(text, options);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// Runs of characters that need no attention inside a string (control characters must be escaped).
// eslint-disable-next-line no-control-regex
const PLAIN_RUN = /[^"\\\u0000-\u001f\ud800-\udfff]*/y;
const NUMBER_TOKEN = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * The strict parser. Exported inside lib/chain only, for scan-log-array.ts (ingest's fast path),
 * which reuses its tokens and rules so that both accept exactly the same text.
 */
export class Parser {
  pos = 0;
  /** Whether the latest {@link string} held an escape (false: its text is its literal minus the quotes). */
  escaped = false;
  constructor(
    protected readonly s: string,
    protected readonly maxDepth: number,
  ) {}

  fail(what: string): never {
    throw new SyntaxError(`Invalid JSON at position ${this.pos}: ${what}`);
  }

  skipWs(): void {
    const s = this.s;
    let c = s.charCodeAt(this.pos);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = s.charCodeAt(++this.pos);
  }

  value(depth: number): JsonValue {
    const c = this.s.charCodeAt(this.pos);
    if (c === 0x22) return this.string();
    if (c === 0x7b) return this.object(depth + 1);
    if (c === 0x5b) return this.array(depth + 1);
    if (c === 0x74) return this.literal('true', true);
    if (c === 0x66) return this.literal('false', false);
    if (c === 0x6e) return this.literal('null', null);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    return this.fail(this.pos >= this.s.length ? 'unexpected end of input' : `unexpected character ${JSON.stringify(this.s[this.pos])}`);
  }

  literal<T extends boolean | null>(word: string, v: T): T {
    if (!this.s.startsWith(word, this.pos)) this.fail('invalid literal');
    this.pos += word.length;
    return v;
  }

  number(): number | LosslessNumber {
    // test(), not exec(): exec allocates a match array per call, a third of the parser's garbage.
    NUMBER_TOKEN.lastIndex = this.pos;
    if (!NUMBER_TOKEN.test(this.s)) return this.fail('invalid number');
    const text = this.s.slice(this.pos, NUMBER_TOKEN.lastIndex);
    this.pos += text.length;
    const next = this.s.charCodeAt(this.pos);
    // "01", "1.", "1e" and the like: the token regex stopped early on a digit, dot or exponent.
    if ((next >= 0x30 && next <= 0x39) || next === 0x2e || next === 0x65 || next === 0x45) this.fail('invalid number');
    const n = Number(text);
    if (String(n) === text) return n;
    return new LosslessNumber(text);
  }

  /** A string literal's value; with `build` false it is only checked (the result is ''). */
  string(build = true): string {
    const s = this.s;
    this.pos++; // opening quote
    this.escaped = false;
    let out = '';
    for (;;) {
      PLAIN_RUN.lastIndex = this.pos;
      PLAIN_RUN.test(s); // sticky, matches the empty string too: lastIndex is the run's end
      const end = PLAIN_RUN.lastIndex;
      if (end > this.pos) {
        if (build) out += s.slice(this.pos, end);
        this.pos = end;
      }
      const c = s.charCodeAt(this.pos);
      if (c === 0x22) {
        this.pos++;
        return out;
      }
      if (c === 0x5c) {
        this.escaped = true;
        const e = this.escape();
        if (build) out += e;
      } else if (c >= 0xd800 && c <= 0xdbff) {
        const d = s.charCodeAt(this.pos + 1);
        if (!(d >= 0xdc00 && d <= 0xdfff)) this.fail('lone surrogate in string');
        if (build) out += s.slice(this.pos, this.pos + 2);
        this.pos += 2;
      } else if (c >= 0xdc00 && c <= 0xdfff) {
        this.fail('lone surrogate in string');
      } else if (Number.isNaN(c)) {
        this.fail('unterminated string');
      } else {
        this.fail('control character in string');
      }
    }
  }

  escape(): string {
    const e = this.s[this.pos + 1];
    if (e === 'u') {
      const hi = this.hex4(this.pos + 2);
      this.pos += 6;
      if (hi >= 0xdc00 && hi <= 0xdfff) this.fail('lone surrogate escape');
      if (hi < 0xd800 || hi > 0xdbff) return String.fromCharCode(hi);
      // A high surrogate must be followed by an escaped low surrogate.
      if (this.s[this.pos] !== '\\' || this.s[this.pos + 1] !== 'u') this.fail('lone surrogate escape');
      const lo = this.hex4(this.pos + 2);
      if (lo < 0xdc00 || lo > 0xdfff) this.fail('lone surrogate escape');
      this.pos += 6;
      return String.fromCharCode(hi, lo);
    }
    const r = e === undefined ? undefined : ESCAPES[e];
    if (r === undefined) this.fail('invalid escape');
    this.pos += 2;
    return r;
  }

  hex4(at: number): number {
    const h = this.s.slice(at, at + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(h)) {
      this.pos = at;
      this.fail('invalid \\u escape');
    }
    return parseInt(h, 16);
  }

  array(depth: number, spans?: [number, number][]): JsonValue[] {
    if (depth > this.maxDepth) throw new RangeError(`Invalid JSON at position ${this.pos}: nesting deeper than ${this.maxDepth}`);
    this.pos++;
    const out: JsonValue[] = [];
    this.skipWs();
    if (this.s.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipWs();
      const start = this.pos;
      out.push(this.value(depth));
      spans?.push([start, this.pos]);
      this.skipWs();
      const c = this.s.charCodeAt(this.pos++);
      if (c === 0x5d) return out;
      if (c !== 0x2c) {
        this.pos--;
        this.fail("expected ',' or ']'");
      }
    }
  }

  object(depth: number): JsonObject {
    if (depth > this.maxDepth) throw new RangeError(`Invalid JSON at position ${this.pos}: nesting deeper than ${this.maxDepth}`);
    this.pos++;
    const out: JsonObject = {};
    this.skipWs();
    if (this.s.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipWs();
      if (this.s.charCodeAt(this.pos) !== 0x22) this.fail('expected a string key');
      const keyAt = this.pos;
      const key = this.string();
      if (Object.prototype.hasOwnProperty.call(out, key)) {
        this.pos = keyAt;
        this.fail(`duplicate key ${JSON.stringify(key)}`);
      }
      this.skipWs();
      if (this.s.charCodeAt(this.pos) !== 0x3a) this.fail("expected ':'");
      this.pos++;
      this.skipWs();
      const v = this.value(depth);
      if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      else out[key] = v;
      this.skipWs();
      const c = this.s.charCodeAt(this.pos++);
      if (c === 0x7d) return out;
      if (c !== 0x2c) {
        this.pos--;
        this.fail("expected ',' or '}'");
      }
    }
  }
}

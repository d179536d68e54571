/**
 * A strict JSON parser that keeps what `JSON.parse` loses: number lexemes, key order and duplicate
 * keys (rejected, as Elasticsearch's strict duplicate detection does). Errors carry the
 * Jackson-style `[line:column]` location (column in UTF-8 bytes, 1-based) that Elasticsearch
 * puts in front of its parse error reasons.
 *
 * Input is attacker-controlled (every document and request body): nesting depth is bounded so a
 * deeply nested body cannot overflow the stack.
 */
import { JsonNumber, type JsonNode, type JsonObject } from './json-node';
import { locate } from './locate-value';
import { describeChar as describe, scanNumber, skipJsonWhitespace } from './scan-number';

const MAX_DEPTH = 1000;

/** A syntax error with its location in the text. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
  /** `[line:col] message`, the form Elasticsearch uses in reasons. */
  get located(): string {
    return `[${this.line}:${this.column}] ${this.message}`;
  }
}

class Parser {
  pos = 0;
  depth = 0;
  constructor(readonly text: string) {}

  fail(message: string, at = this.pos): never {
    const { line, column } = locate(this.text, at);
    throw new JsonSyntaxError(message, line, column);
  }

  skipWs(): void {
    this.pos = skipJsonWhitespace(this.text, this.pos);
  }

  value(): JsonNode {
    this.skipWs();
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 0x7b: return this.object();
      case 0x5b: return this.array();
      case 0x22: return this.string();
      case 0x74: return this.literal('true', true);
      case 0x66: return this.literal('false', false);
      case 0x6e: return this.literal('null', null);
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
        if (Number.isNaN(c)) this.fail('Unexpected end-of-input: expected a value');
        if (c === 0x5d || c === 0x7d || c === 0x2c || c === 0x3a) this.fail(`Unexpected character (${describe(c)}): expected a value`);
        return this.unrecognized();
    }
  }

  unrecognized(): never {
    const start = this.pos;
    let end = start;
    while (end < this.text.length && /[A-Za-z0-9_$]/.test(this.text.charAt(end))) end++;
    const token = this.text.slice(start, Math.max(end, start + 1));
    this.fail(`Unrecognized token '${token}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`, start);
  }

  literal<T extends JsonNode>(word: string, value: T): T {
    if (this.text.startsWith(word, this.pos)) {
      const next = this.text.charCodeAt(this.pos + word.length);
      if (!((next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a) || (next >= 0x30 && next <= 0x39) || next === 0x5f)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.unrecognized();
  }

  number(): number | JsonNumber {
    const start = this.pos;
    const { end, intDigits, float } = scanNumber(this.text, start, (message, at) => this.fail(message, at));
    this.pos = end;
    const lexeme = this.text.slice(start, end);
    // Plain integers of up to 15 digits are exact doubles and print back identically.
    if (!float && intDigits <= 15 && lexeme !== '-0') return Number(lexeme);
    return new JsonNumber(lexeme);
  }

  string(): string {
    const t = this.text;
    const start = ++this.pos;
    let p = start;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 0x22) {
        this.pos = p + 1;
        return t.slice(start, p);
      }
      if (c === 0x5c) break;
      if (c < 0x20 || Number.isNaN(c)) {
        if (Number.isNaN(c)) this.fail('Unexpected end-of-input in VALUE_STRING', p);
        this.fail(`Illegal unquoted character (${describe(c)}): has to be escaped using backslash to be included in string value`, p);
      }
      p++;
    }
    // Slow path: escapes present.
    let out = t.slice(start, p);
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 0x22) {
        this.pos = p + 1;
        return out;
      }
      if (Number.isNaN(c)) this.fail('Unexpected end-of-input in VALUE_STRING', p);
      if (c < 0x20) this.fail(`Illegal unquoted character (${describe(c)}): has to be escaped using backslash to be included in string value`, p);
      if (c !== 0x5c) {
        const next = t.indexOf('\\', p);
        const quote = t.indexOf('"', p);
        const stop = next === -1 || (quote !== -1 && quote < next) ? quote : next;
        if (stop === -1) this.fail('Unexpected end-of-input in VALUE_STRING', t.length);
        // Control characters inside the run are checked one by one.
        for (let i = p; i < stop; i++) {
          if (t.charCodeAt(i) < 0x20) {
            this.fail(`Illegal unquoted character (${describe(t.charCodeAt(i))}): has to be escaped using backslash to be included in string value`, i);
          }
        }
        out += t.slice(p, stop);
        p = stop;
        continue;
      }
      const e = t.charCodeAt(p + 1);
      p += 2;
      switch (e) {
        case 0x22: out += '"'; break;
        case 0x5c: out += '\\'; break;
        case 0x2f: out += '/'; break;
        case 0x62: out += '\b'; break;
        case 0x66: out += '\f'; break;
        case 0x6e: out += '\n'; break;
        case 0x72: out += '\r'; break;
        case 0x74: out += '\t'; break;
        case 0x75: {
          const hex = t.slice(p, p + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Unexpected character in character escape sequence: expected a hex-digit', p);
          out += String.fromCharCode(parseInt(hex, 16));
          p += 4;
          break;
        }
        default:
          if (Number.isNaN(e)) this.fail('Unexpected end-of-input in VALUE_STRING', p - 1);
          this.fail(`Unrecognized character escape ${describe(e)}`, p - 1);
      }
    }
  }

  object(): JsonObject {
    if (++this.depth > MAX_DEPTH) this.fail(`Document nesting depth exceeds the maximum allowed (${MAX_DEPTH})`);
    const open = this.pos++;
    const out: JsonObject = new Map();
    this.skipWs();
    if (this.text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      this.depth--;
      return out;
    }
    for (;;) {
      this.skipWs();
      const c = this.text.charCodeAt(this.pos);
      if (c !== 0x22) {
        if (Number.isNaN(c)) this.fail(`Unexpected end-of-input: expected close marker for Object (start marker at ${this.where(open)})`);
        this.fail(`Unexpected character (${describe(c)}): was expecting double-quote to start field name`);
      }
      const keyAt = this.pos;
      const key = this.string();
      if (out.has(key)) this.fail(`Duplicate field '${key}'`, keyAt);
      this.skipWs();
      const colon = this.text.charCodeAt(this.pos);
      if (colon !== 0x3a) {
        if (Number.isNaN(colon)) this.fail(`Unexpected end-of-input: expected close marker for Object (start marker at ${this.where(open)})`);
        this.fail(`Unexpected character (${describe(colon)}): was expecting a colon to separate field name and value`);
      }
      this.pos++;
      out.set(key, this.value());
      this.skipWs();
      const sep = this.text.charCodeAt(this.pos);
      if (sep === 0x2c) {
        this.pos++;
        continue;
      }
      if (sep === 0x7d) {
        this.pos++;
        this.depth--;
        return out;
      }
      if (Number.isNaN(sep)) this.fail(`Unexpected end-of-input: expected close marker for Object (start marker at ${this.where(open)})`);
      this.fail(`Unexpected character (${describe(sep)}): was expecting comma to separate Object entries`);
    }
  }

  array(): JsonNode[] {
    if (++this.depth > MAX_DEPTH) this.fail(`Document nesting depth exceeds the maximum allowed (${MAX_DEPTH})`);
    const open = this.pos++;
    const out: JsonNode[] = [];
    this.skipWs();
    if (this.text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      this.depth--;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skipWs();
      const sep = this.text.charCodeAt(this.pos);
      if (sep === 0x2c) {
        this.pos++;
        continue;
      }
      if (sep === 0x5d) {
        this.pos++;
        this.depth--;
        return out;
      }
      if (Number.isNaN(sep)) this.fail(`Unexpected end-of-input: expected close marker for Array (start marker at ${this.where(open)})`);
      this.fail(`Unexpected character (${describe(sep)}): was expecting comma to separate Array entries`);
    }
  }

  where(pos: number): string {
    const { line, column } = locate(this.text, pos);
    return `[Source: (byte[]); line: ${line}, column: ${column}]`;
  }
}

/**
 * Parses one JSON value that must fill the whole text (surrounding whitespace allowed).
 * @throws JsonSyntaxError with the location of the first problem.
 */
export function parseJson(text: string): JsonNode {
  const p = new Parser(text);
  const value = p.value();
  p.skipWs();
  if (p.pos < text.length) {
    p.fail(`Unexpected character (${describe(text.charCodeAt(p.pos))}): expected end-of-input after the root value`);
  }
  return value;
}

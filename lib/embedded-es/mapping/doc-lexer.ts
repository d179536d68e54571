/**
 * The JSON tokenizer under the document indexer: strict JSON (Jackson-style messages, duplicate
 * keys rejected, bounded depth) read straight from the text without building a tree. Errors are
 * `document_parsing_exception`s with the `[line:col]` Elasticsearch puts in front of them.
 */
import { documentParsing } from '../errors/es-errors';
import { JsonSyntaxError, parseJson } from '../json/parse-json';
import { locate } from '../json/locate-value';
import { describeChar as describe, scanNumber, skipJsonWhitespace } from '../json/scan-number';

export { describe };

const MAX_DEPTH = 1000;

export class DocLexer {
  pos = 0;
  depth = 0;
  private readonly keys: string[] = [];
  // The scalar just read: kind 0 string, 1 number, 2 boolean; its value; bounds of its token.
  sKind = 0;
  sStr = '';
  sNum = 0;
  sFloat = false;
  sStart = 0;
  sEnd = 0;

  constructor(readonly text: string) {}

  at(pos: number): string {
    const { line, column } = locate(this.text, pos);
    return `[${line}:${column}]`;
  }

  syntax(message: string, pos = this.pos): never {
    const { line, column } = locate(this.text, pos);
    const err = new JsonSyntaxError(message, line, column);
    throw documentParsing(`[${line}:${column}] failed to parse: ${message}`, { type: 'x_content_parse_exception', reason: err.located });
  }


  // ---- lexing ---------------------------------------------------------------------------------

  ws(): void {
    this.pos = skipJsonWhitespace(this.text, this.pos);
  }

  /** Reads a string token at `pos` (on the opening quote). */
  str(): string {
    const t = this.text;
    const start = ++this.pos;
    let p = start;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 0x22) {
        this.pos = p + 1;
        return t.slice(start, p);
      }
      if (c === 0x5c || c < 0x20 || Number.isNaN(c)) break;
      p++;
    }
    // Escapes or errors: let the strict parser handle this one token.
    let end = p;
    for (;;) {
      const c = t.charCodeAt(end);
      if (Number.isNaN(c)) this.syntax('Unexpected end-of-input in VALUE_STRING', end);
      if (c < 0x20) this.syntax(`Illegal unquoted character (${describe(c)}): has to be escaped using backslash to be included in string value`, end);
      if (c === 0x5c) end += 2;
      else if (c === 0x22) break;
      else end++;
    }
    try {
      const v = parseJson(t.slice(start - 1, end + 1)) as string;
      this.pos = end + 1;
      return v;
    } catch (err) {
      if (err instanceof JsonSyntaxError) this.syntax(err.message, start);
      throw err;
    }
  }

  /** Reads a number token into the scalar registers. */
  num(): void {
    const t = this.text;
    const start = this.pos;
    const { end, intDigits, float } = scanNumber(t, start, (message, at) => this.syntax(message, at));
    this.pos = end;
    this.sKind = 1;
    this.sStart = start;
    this.sEnd = end;
    const value = Number(t.slice(start, end));
    this.sFloat = float || (intDigits > 15 && Math.abs(value) >= 2 ** 63);
    this.sNum = value;
  }

  literal(word: string): void {
    if (!this.text.startsWith(word, this.pos) || /[A-Za-z0-9_]/.test(this.text.charAt(this.pos + word.length))) this.unrecognized();
    this.pos += word.length;
  }

  unrecognized(): never {
    const m = /^[A-Za-z0-9_$]+/.exec(this.text.slice(this.pos));
    this.syntax(`Unrecognized token '${m ? m[0] : this.text.charAt(this.pos)}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`);
  }

  /** Skips (but validates) one value. */
  skip(): void {
    this.ws();
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x7b) this.objectTokens(() => this.skip());
    else if (c === 0x5b) this.arrayTokens(() => this.skip());
    else this.scalar();
  }

  /** Reads a scalar or null (returns false for null). */
  scalar(): boolean {
    const c = this.text.charCodeAt(this.pos);
    this.sStart = this.pos;
    if (c === 0x22) {
      this.sKind = 0;
      this.sStr = this.str();
    } else if (c === 0x74) {
      this.literal('true');
      this.sKind = 2;
      this.sNum = 1;
    } else if (c === 0x66) {
      this.literal('false');
      this.sKind = 2;
      this.sNum = 0;
    } else if (c === 0x6e) {
      this.literal('null');
      return false;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) this.num();
    else if (Number.isNaN(c)) this.syntax('Unexpected end-of-input: expected a value');
    else if (c === 0x5d || c === 0x7d || c === 0x2c || c === 0x3a) this.syntax(`Unexpected character (${describe(c)}): expected a value`);
    else this.unrecognized();
    this.sEnd = this.pos;
    return true;
  }

  /** Iterates an object's members; `member(key, keyPos)` must consume the value. */
  objectTokens(member: (key: string, keyPos: number) => void): void {
    if (++this.depth > MAX_DEPTH) this.syntax(`Document nesting depth exceeds the maximum allowed (${MAX_DEPTH})`);
    const open = this.pos++;
    this.ws();
    if (this.text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      this.depth--;
      return;
    }
    // Keys of the objects being read, innermost last; duplicate detection scans this object's part.
    const keys = this.keys;
    const base = keys.length;
    for (;;) {
      this.ws();
      const c = this.text.charCodeAt(this.pos);
      if (c !== 0x22) {
        if (Number.isNaN(c)) this.syntax(`Unexpected end-of-input: expected close marker for Object (start marker at ${this.at(open)})`);
        this.syntax(`Unexpected character (${describe(c)}): was expecting double-quote to start field name`);
      }
      const keyPos = this.pos;
      const key = this.str();
      // Duplicate keys are rejected like Elasticsearch's strict duplicate detection.
      for (let i = base; i < keys.length; i++) if (keys[i] === key) this.syntax(`Duplicate field '${key}'`, keyPos);
      keys.push(key);
      this.ws();
      const colon = this.text.charCodeAt(this.pos);
      if (colon !== 0x3a) {
        if (Number.isNaN(colon)) this.syntax(`Unexpected end-of-input: expected close marker for Object (start marker at ${this.at(open)})`);
        this.syntax(`Unexpected character (${describe(colon)}): was expecting a colon to separate field name and value`);
      }
      this.pos++;
      this.ws();
      member(key, keyPos);
      this.ws();
      const sep = this.text.charCodeAt(this.pos);
      if (sep === 0x2c) {
        this.pos++;
        continue;
      }
      if (sep === 0x7d) {
        this.pos++;
        this.depth--;
        keys.length = base;
        return;
      }
      if (Number.isNaN(sep)) this.syntax(`Unexpected end-of-input: expected close marker for Object (start marker at ${this.at(open)})`);
      this.syntax(`Unexpected character (${describe(sep)}): was expecting comma to separate Object entries`);
    }
  }

  arrayTokens(element: () => void): void {
    if (++this.depth > MAX_DEPTH) this.syntax(`Document nesting depth exceeds the maximum allowed (${MAX_DEPTH})`);
    const open = this.pos++;
    this.ws();
    if (this.text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      this.depth--;
      return;
    }
    for (;;) {
      this.ws();
      element();
      this.ws();
      const sep = this.text.charCodeAt(this.pos);
      if (sep === 0x2c) {
        this.pos++;
        continue;
      }
      if (sep === 0x5d) {
        this.pos++;
        this.depth--;
        return;
      }
      if (Number.isNaN(sep)) this.syntax(`Unexpected end-of-input: expected close marker for Array (start marker at ${this.at(open)})`);
      this.syntax(`Unexpected character (${describe(sep)}): was expecting comma to separate Array entries`);
    }
  }

}

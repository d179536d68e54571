/**
 * Converting scalar tokens to indexed values for mapped fields, with Elasticsearch's failure
 * reasons (`failed to parse field [f] of type [long] in document with id 'x'. Preview of field's
 * value: 'abc'` and its `caused_by`).
 */
import type { EmbeddedEsError, EsCause } from '../errors/embedded-es-error';
import { documentParsing } from '../errors/es-errors';
import { JsonNumber, type JsonNode } from '../json/json-node';
import type { FieldInfo } from './compile-mapping';
import { parseDate } from './dates';
import { DocLexer } from './doc-lexer';

const INT_RANGES: Record<string, [number, number, string]> = {
  integer: [-2147483648, 2147483647, 'an integer'],
  short: [-32768, 32767, 'a short'],
  byte: [-128, 127, 'a byte'],
};
const NUMERIC = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/**
 * A copy of `s` that does not keep its parent string alive. Slices of the document text would
 * otherwise pin the whole (temporary) text in memory for as long as the column value lives.
 */
function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

const ESCAPE = 0x5c;

/** Java-ish `toString` of a value, as Elasticsearch's "Preview of field's value". */
export function preview(v: JsonNode): string {
  if (v === null) return 'null';
  if (v instanceof JsonNumber) return v.text;
  if (v instanceof Map) return '{' + [...v].map(([k, x]) => `${k}=${preview(x)}`).join(', ') + '}';
  if (Array.isArray(v)) return '[' + v.map(preview).join(', ') + ']';
  return String(v);
}


export class DocValues extends DocLexer {
  readonly paths: string[] = [];
  readonly values: (string | number)[] = [];
  /** The document's bytes when it is pure ASCII (character offsets are byte offsets). */
  ascii: Buffer | undefined;

  constructor(
    text: string,
    readonly id: string,
  ) {
    super(text);
  }

  typeError(f: FieldInfo, pos: number, shown: string, cause: EsCause): EmbeddedEsError {
    return documentParsing(
      `${this.at(pos)} failed to parse field [${f.path}] of type [${f.type}] in document with id '${this.id}'. Preview of field's value: '${shown}'`,
      cause,
    );
  }

  nullValue(f: FieldInfo): void {
    const v = f.nullValue;
    this.sStart = this.sEnd = -1;
    if (typeof v === 'string') {
      this.sKind = 0;
      this.sStr = v;
    } else if (typeof v === 'number') {
      this.sKind = 1;
      this.sNum = v;
      this.sFloat = !Number.isInteger(v);
    } else if (typeof v === 'boolean') {
      this.sKind = 2;
      this.sNum = v ? 1 : 0;
    } else return;
    this.field(f);
  }

  /** A long-lived copy of the current string value (see `detach`). */
  keep(text: string): string {
    const a = this.ascii;
    // An unescaped ASCII string token maps 1:1 to its bytes: decode a fresh exact-size copy.
    if (a !== undefined && this.sKind === 0 && text.length >= 13 && this.sEnd - this.sStart === text.length + 2 && a[this.sStart + 1] !== ESCAPE) {
      return a.toString('latin1', this.sStart + 1, this.sEnd - 1);
    }
    return detach(text);
  }

  lexeme(): string {
    if (this.sKind === 0) return this.sStr;
    if (this.sKind === 2) return this.sNum === 1 ? 'true' : 'false';
    return this.text.slice(this.sStart, this.sEnd);
  }

  field(f: FieldInfo): void {
    let v: string | number | undefined;
    try {
      v = this.convert(f);
    } catch (err) {
      if (f.ignoreMalformed) return;
      throw err;
    }
    if (v !== undefined) {
      this.paths.push(f.path);
      this.values.push(v);
    }
    for (const sub of f.subFields) {
      try {
        const sv = this.convert(sub);
        if (sv !== undefined) {
          this.paths.push(sub.path);
          this.values.push(sv);
        }
      } catch (err) {
        if (!sub.ignoreMalformed) throw err;
      }
    }
  }

  convert(f: FieldInfo): string | number | undefined {
    const kind = this.sKind;
    switch (f.valueKind) {
      case 'keyword': {
        const text = this.lexeme();
        if (f.ignoreAbove !== undefined && text.length > f.ignoreAbove) return undefined;
        return this.keep(text);
      }
      case 'text':
        // Text values are not kept as doc values; queries read them from `_source` on demand
        // (see search/text-columns.ts), so the hot write path stores no copy of them.
        return undefined;
      case 'long': {
        let n: number;
        if (kind === 1) n = this.sFloat ? Math.trunc(this.sNum) : this.sNum;
        else if (kind === 0 && f.coerce && NUMERIC.test(this.sStr)) n = Math.trunc(Number(this.sStr));
        else throw this.typeError(f, this.sStart, this.lexeme(), { type: 'illegal_argument_exception', reason: `For input string: "${this.lexeme()}"` });
        const range = INT_RANGES[f.type];
        if (range && (n < range[0] || n > range[1])) {
          throw this.typeError(f, this.sStart, this.lexeme(), { type: 'illegal_argument_exception', reason: `Value [${this.lexeme()}] is out of range for ${range[2]}` });
        }
        if (Math.abs(n) >= 2 ** 63) {
          throw this.typeError(f, this.sStart, this.lexeme(), { type: 'illegal_argument_exception', reason: `Value [${this.lexeme()}] is out of range for a long` });
        }
        return n;
      }
      case 'double':
        if (kind === 1) return this.sNum;
        if (kind === 0 && f.coerce && NUMERIC.test(this.sStr)) return Number(this.sStr);
        throw this.typeError(f, this.sStart, this.lexeme(), { type: 'number_format_exception', reason: `For input string: "${this.lexeme()}"` });
      case 'date': {
        const t = kind === 0 ? parseDate(this.sStr, f.format) : kind === 1 ? parseDate(this.sNum, f.format) : undefined;
        if (t === undefined) {
          throw this.typeError(f, this.sStart, this.lexeme(), {
            type: 'illegal_argument_exception',
            reason: `failed to parse date field [${this.lexeme()}] with format [${f.format}]`,
            caused_by: { type: 'date_time_parse_exception', reason: 'Failed to parse with all enclosed parsers' },
          });
        }
        return t;
      }
      case 'boolean':
        if (kind === 2) return this.sNum;
        if (kind === 0 && (this.sStr === 'true' || this.sStr === 'false' || this.sStr === '')) return this.sStr === 'true' ? 1 : 0;
        throw this.typeError(f, this.sStart, this.lexeme(), { type: 'illegal_argument_exception', reason: `Failed to parse value [${this.lexeme()}] as only [true] or [false] are allowed.` });
      default:
        return undefined;
    }
  }
}

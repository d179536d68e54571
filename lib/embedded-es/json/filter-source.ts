/**
 * `_source` filtering on the stored JSON text itself.
 *
 * Included values are copied as raw slices, so numbers and strings keep their exact bytes, and
 * excluded subtrees are skipped without being parsed: reading a page of 500 filtered documents
 * costs one scan of each source. Stored sources were validated at write time, so the scanner can
 * assume well-formed JSON. Semantics follow Elasticsearch: an include pattern selects a field and
 * everything under it, `*` matches across dots, excludes win over includes, objects left empty by
 * filtering disappear, arrays are transparent.
 */
import { anyGlobMatch, globCanExtend } from './glob';

const SKIP = 0;
const COPY = 1;
const DESCEND = 2;
const DESCEND_INCLUDED = 3;

/** A cached decision for one field path; children are keyed by the next key. */
interface Decision {
  readonly path: string;
  readonly d: number;
  kids: Map<string, Decision> | undefined;
}

/** A compiled include/exclude filter, reusable across documents. */
export class SourceFilter {
  private readonly root: Decision;
  private t = '';
  private p = 0;

  constructor(
    readonly includes: readonly string[],
    readonly excludes: readonly string[],
  ) {
    this.root = { path: '', d: includes.length === 0 ? DESCEND_INCLUDED : DESCEND, kids: undefined };
  }

  /** True when the filter keeps every field. */
  get isNoop(): boolean {
    return this.excludes.length === 0 && (this.includes.length === 0 || this.includes.includes('*'));
  }

  /** Filters one stored source; returns JSON text. */
  apply(text: string): string {
    if (this.isNoop) return text;
    this.t = text;
    this.p = 0;
    this.ws();
    if (text.charCodeAt(this.p) !== 0x7b) return text;
    const out = this.object(this.root);
    this.t = '';
    return out ?? '{}';
  }

  /** The decision for `key` under `parent`, computed once per path and cached in a trie. */
  private child(parent: Decision, key: string): Decision {
    let kids = parent.kids;
    const hit = kids?.get(key);
    if (hit) return hit;
    const path = parent.path === '' ? key : parent.path + '.' + key;
    const node: Decision = { path, d: this.decide(path, parent.d === DESCEND_INCLUDED || parent.d === COPY), kids: undefined };
    if (!kids) parent.kids = kids = new Map();
    kids.set(key, node);
    return node;
  }

  private decide(path: string, parentIncluded: boolean): number {
    let d: number;
    if (anyGlobMatch(this.excludes, path)) d = SKIP;
    else {
      const included = parentIncluded || this.includes.length === 0 || anyGlobMatch(this.includes, path);
      if (included) d = this.excludes.some((e) => globCanExtend(e, path + '.')) ? DESCEND_INCLUDED : COPY;
      else d = this.includes.some((i) => globCanExtend(i, path + '.')) ? DESCEND : SKIP;
    }
    return d;
  }

  private ws(): void {
    const t = this.t;
    let p = this.p;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) p++;
      else break;
    }
    this.p = p;
  }

  /** Advances past one string starting at the opening quote; returns the end (exclusive). */
  private skipString(p: number): number {
    const t = this.t;
    p++;
    for (;;) {
      const q = t.indexOf('"', p);
      if (q === -1) return t.length;
      let bs = 0;
      for (let i = q - 1; t.charCodeAt(i) === 0x5c; i--) bs++;
      if (bs % 2 === 0) return q + 1;
      p = q + 1;
    }
  }

  /** Advances past one value; returns the end (exclusive). */
  private skipValue(p: number): number {
    const t = this.t;
    const c = t.charCodeAt(p);
    if (c === 0x22) return this.skipString(p);
    if (c === 0x7b || c === 0x5b) {
      let depth = 0;
      for (;;) {
        const ch = t.charCodeAt(p);
        if (ch === 0x22) {
          p = this.skipString(p);
          continue;
        }
        if (ch === 0x7b || ch === 0x5b) depth++;
        else if (ch === 0x7d || ch === 0x5d) {
          depth--;
          if (depth === 0) return p + 1;
        } else if (Number.isNaN(ch)) return p;
        p++;
      }
    }
    // number, true, false, null
    for (;;) {
      const ch = t.charCodeAt(p);
      if (ch === 0x2c || ch === 0x7d || ch === 0x5d || ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09 || Number.isNaN(ch)) return p;
      p++;
    }
  }

  private object(node: Decision): string | undefined {
    const t = this.t;
    this.p++; // {
    let out = '';
    for (;;) {
      this.ws();
      const c = t.charCodeAt(this.p);
      if (c === 0x2c) {
        this.p++;
        continue;
      }
      if (c !== 0x22) {
        this.p++; // }
        break;
      }
      const keyStart = this.p;
      const keyEnd = this.skipString(keyStart);
      const rawKey = t.slice(keyStart, keyEnd);
      const key = rawKey.includes('\\') ? (JSON.parse(rawKey) as string) : rawKey.slice(1, -1);
      this.p = keyEnd;
      this.ws();
      this.p++; // :
      this.ws();
      const piece = this.member(this.child(node, key));
      if (piece !== undefined) out += (out === '' ? '' : ',') + rawKey + ':' + piece;
    }
    return out === '' ? undefined : '{' + out + '}';
  }

  private member(node: Decision): string | undefined {
    const t = this.t;
    const start = this.p;
    const d = node.d;
    if (d === SKIP || d === COPY) {
      this.p = this.skipValue(start);
      return d === COPY ? t.slice(start, this.p) : undefined;
    }
    const c = t.charCodeAt(start);
    if (c === 0x7b) return this.object(node);
    if (c === 0x5b) return this.array(node);
    this.p = this.skipValue(start);
    return d === DESCEND_INCLUDED ? t.slice(start, this.p) : undefined;
  }

  private array(node: Decision): string | undefined {
    const t = this.t;
    this.p++; // [
    const parts: string[] = [];
    for (;;) {
      this.ws();
      const c = t.charCodeAt(this.p);
      if (c === 0x2c) {
        this.p++;
        continue;
      }
      if (c === 0x5d || Number.isNaN(c)) {
        this.p++;
        break;
      }
      const piece = this.member(node);
      if (piece !== undefined) parts.push(piece);
    }
    if (parts.length === 0) return node.d === DESCEND_INCLUDED ? '[]' : undefined;
    return '[' + parts.join(',') + ']';
  }
}

/** Normalized `_source` option: false (no source), or include/exclude lists. */
export type SourceSpec = false | { includes: string[]; excludes: string[] };

/** Parses the `_source` body option (boolean, string, array or {includes, excludes}). */
export function parseSourceSpec(value: unknown): SourceSpec {
  if (value === undefined || value === null || value === true) return { includes: [], excludes: [] };
  if (value === false) return false;
  if (typeof value === 'string') return { includes: [value], excludes: [] };
  if (Array.isArray(value)) return { includes: value.map(String), excludes: [] };
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
    return { includes: list(o.includes ?? o.include), excludes: list(o.excludes ?? o.exclude) };
  }
  return { includes: [], excludes: [] };
}

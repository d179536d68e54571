import { canonicalNumber, canonicalNumberLiteral } from './canonical-number';
import { MAX_CANONICAL_DEPTH, quote, sortNameTriples } from './canonicalize';
import type { JsonValue } from './json-value';
import { Parser, parseJson } from './parse-json';
import { BLOCKCHAIN_FIELD, dottedNode, type FieldSelector, type SelectorNode } from './select-fields';

/** One element of a scanned array of logs. */
export interface ScannedLog {
  /** Where the element's text starts and ends (as parseJsonArrayElements' spans). */
  readonly start: number;
  readonly end: number;
  /**
   * `JCS(selectFields(log, selector))` — exactly canonicalFieldsOf's text — or null when the
   * log must be decided by the reference path (parseJson, then canonicalFieldsOf): it is not an
   * object, it holds ES_BLOCKCHAIN, EBP_METADATA is itself selected, or a selected number has no
   * canonical form.
   */
  readonly canonical: string | null;
  /**
   * The value of the log's EBP_METADATA member (undefined when it has none, or canonical is null).
   * Logs whose EBP_METADATA is spelled alike share one value: read it, never change it.
   */
  readonly meta: JsonValue | undefined;
}

/**
 * Ingest's fast path for a `/api/log_batch` body: one strict scan of a JSON array of logs that
 * yields each log's span, its EBP_METADATA and the canonical text of its selected fields, without
 * building the logs' values. It runs on the same parser as {@link parseJsonArrayElements} (same
 * tokens, duplicate-key, surrogate and depth rules), so it accepts exactly the texts that accepts;
 * it writes the selected fields as canonical-selection.ts does, taking a plain string's literal as
 * its canonical text (a string without escapes is written as it is spelled).
 *
 * Why: on ingest's 1 KB logs, building every value and then copying the selected ones was most
 * of the prepare worker's time, and the worker a third of Signet's CPU (README, Benchmarks).
 *
 * @returns the logs, or null when the text is not such an array (malformed, too deep, not an
 *   array): the reference path then reports the exact problem.
 * @throws {TypeError} when `text` is not a string; {RangeError} for a `maxDepth` outside 1–128.
 * @example scanLogArray('[{"m":"x","EBP_METADATA":{"k":1}}]', compileFieldSelector(['m']), 100) // [{ start: 1, end: 33, canonical: '{"m":"x"}', meta: { k: 1 } }]
 */
export function scanLogArray(text: string, selector: FieldSelector, maxDepth: number): ScannedLog[] | null {
  if (typeof text !== 'string') throw new TypeError('scanLogArray: text must be a string');
  // Up to canonicalize's own limit, so that no selected value can be too deep to write.
  if (!Number.isSafeInteger(maxDepth) || maxDepth < 1 || maxDepth > MAX_CANONICAL_DEPTH) throw new RangeError(`scanLogArray: maxDepth must be an integer from 1 to ${MAX_CANONICAL_DEPTH}`);
  try {
    return new ScanParser(text, maxDepth).logArray(selector.tree);
  } catch {
    return null; // malformed or too deep: the reference path names the problem
  }
}

/** Objects with more members than this check names for duplicates with a Set, not a list. */
const LIST_MAX = 16;

class ScanParser extends Parser {
  /** Per log: a selected number has no canonical form. */
  private unsure = false;
  /** Per log: its EBP_METADATA, ES_BLOCKCHAIN seen at the top level. */
  private meta: JsonValue | undefined = undefined;
  private blockchain = false;
  /** EBP_METADATA values by their text (shared by the logs that spell it alike). */
  private readonly metas = new Map<string, JsonValue>();
  // Shared stacks instead of two arrays per object (a third of the scan's garbage otherwise),
  // never shrunk (a shorter length can make V8 reallocate them): the names of the objects being
  // read, innermost last, up to `namesTop`; the members each has picked (name, whether the name
  // held an escape: '1' or '', canonical value text), up to `pickedTop`.
  private readonly names: string[] = [];
  private namesTop = 0;
  private readonly picked: string[] = [];
  private pickedTop = 0;

  logArray(tree: SelectorNode): ScannedLog[] | null {
    this.skipWs();
    if (this.s.charCodeAt(this.pos) !== 0x5b) return null;
    this.pos++;
    const out: ScannedLog[] = [];
    this.skipWs();
    if (this.s.charCodeAt(this.pos) === 0x5d) this.pos++;
    else {
      for (;;) {
        this.skipWs();
        out.push(this.log(tree));
        this.skipWs();
        const c = this.s.charCodeAt(this.pos++);
        if (c === 0x5d) break;
        if (c !== 0x2c) return null;
      }
    }
    this.skipWs();
    return this.pos === this.s.length ? out : null;
  }

  /** One element of the array (depth 1, as parseJsonArrayElements counts). */
  private log(tree: SelectorNode): ScannedLog {
    const start = this.pos;
    if (this.s.charCodeAt(start) !== 0x7b) {
      this.value(1);
      return { start, end: this.pos, canonical: null, meta: undefined };
    }
    this.unsure = false;
    this.meta = undefined;
    this.blockchain = false;
    const text = this.members(2, tree, true) ?? '{}';
    if (this.unsure || this.blockchain) return { start, end: this.pos, canonical: null, meta: undefined };
    // Flattened now (in place), as canonicalFieldsOf's text is: prepared on the server's thread,
    // the text is kept until the log is stored, and a rope's many nodes would survive its GCs.
    text.charCodeAt(0);
    return { start, end: this.pos, canonical: text, meta: this.meta };
  }

  /**
   * The object at `pos` (at `depth`): validated whole, and the canonical text of what `node`
   * selects in it (undefined when nothing; `node` null: everything). `top`: the log itself.
   */
  private members(depth: number, node: SelectorNode | null, top: boolean): string | undefined {
    if (depth > this.maxDepth) throw new RangeError('nesting too deep');
    this.pos++;
    const names = this.names;
    const nameBase = this.namesTop;
    const pickBase = this.pickedTop;
    let seen: Set<string> | null = null;
    this.skipWs();
    if (this.s.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return node === null ? '{}' : undefined;
    }
    try {
      for (;;) {
        this.skipWs();
        if (this.s.charCodeAt(this.pos) !== 0x22) this.fail('expected a string key');
        const key = this.string();
        const escaped = this.escaped;
        if (seen !== null) {
          if (seen.has(key)) this.fail('duplicate key');
          seen.add(key);
        } else {
          for (let i = nameBase; i < this.namesTop; i++) if (names[i] === key) this.fail('duplicate key');
          names[this.namesTop++] = key;
          if (this.namesTop - nameBase > LIST_MAX) seen = new Set(names.slice(nameBase, this.namesTop));
        }
        this.skipWs();
        if (this.s.charCodeAt(this.pos) !== 0x3a) this.fail("expected ':'");
        this.pos++;
        this.skipWs();
        const text = this.member(depth, node, top, key);
        if (text !== undefined) {
          const m = this.picked;
          m[this.pickedTop++] = key;
          m[this.pickedTop++] = escaped ? '1' : '';
          m[this.pickedTop++] = text;
        }
        this.skipWs();
        const c = this.s.charCodeAt(this.pos++);
        if (c === 0x7d) break;
        if (c !== 0x2c) this.fail("expected ',' or '}'");
      }
      if (this.pickedTop === pickBase) return undefined; // (a whole object with members picks them all)
      return this.write(pickBase);
    } finally {
      this.namesTop = nameBase;
      this.pickedTop = pickBase;
    }
  }

  /** The object text of the members picked from `base` on, sorted by name. */
  private write(base: number): string {
    const m = this.picked;
    const end = this.pickedTop;
    sortNameTriples(m, base, end);
    let out = '{';
    for (let i = base; i < end; i += 3) {
      const key = m[i] as string;
      // A name without escapes is written as it is spelled (no quote, backslash or control character).
      out += (i > base ? ',"' : '"') + (m[i + 1] === '' ? key : quote(key).slice(1, -1)) + '":' + (m[i + 2] as string);
    }
    return out + '}';
  }

  /** A member's value at `pos`: validated, and its canonical text when `node` selects it. */
  private member(depth: number, node: SelectorNode | null, top: boolean, key: string): string | undefined {
    if (node === null) return this.canonical(depth);
    let sub: SelectorNode | null | undefined;
    if (key.indexOf('.') < 0) {
      const child = node.children.get(key);
      sub = child === undefined ? undefined : child.whole ? null : child;
    } else sub = dottedNode(key.split('.'), node);
    if (top && key === 'EBP_METADATA') {
      // A batch's logs mostly carry the same EBP_METADATA text: build its value once per text.
      const at = this.pos;
      this.skip(depth);
      const text = this.s.slice(at, this.pos);
      let meta = this.metas.get(text);
      if (meta === undefined) {
        meta = parseJson(text, { maxDepth: Math.max(1, this.maxDepth - depth) });
        this.metas.set(text, meta);
      }
      this.meta = meta;
      if (sub !== undefined) this.unsure = true; // selected too: left to the reference path
      return undefined;
    }
    if (top && key === BLOCKCHAIN_FIELD) this.blockchain = true;
    if (sub === undefined) {
      this.skip(depth);
      return undefined;
    }
    if (sub === null) return this.canonical(depth);
    // A partial selection descends only into objects (README §2).
    if (this.s.charCodeAt(this.pos) !== 0x7b) {
      this.skip(depth);
      return undefined;
    }
    return this.members(depth + 1, sub, false);
  }

  /** The value at `pos`, validated, in canonical form (README §4). */
  private canonical(depth: number): string {
    const c = this.s.charCodeAt(this.pos);
    if (c === 0x22) {
      const at = this.pos;
      this.string(false);
      if (!this.escaped) return this.s.slice(at, this.pos); // its literal is its canonical text
      this.pos = at;
      return quote(this.string());
    }
    if (c === 0x7b) return this.members(depth + 1, null, false) as string;
    if (c === 0x5b) {
      if (depth + 1 > this.maxDepth) throw new RangeError('nesting too deep');
      this.pos++;
      this.skipWs();
      if (this.s.charCodeAt(this.pos) === 0x5d) {
        this.pos++;
        return '[]';
      }
      let out = '[';
      for (;;) {
        this.skipWs();
        out += this.canonical(depth + 1);
        this.skipWs();
        const d = this.s.charCodeAt(this.pos++);
        if (d === 0x5d) return out + ']';
        if (d !== 0x2c) {
          this.pos--;
          this.fail("expected ',' or ']'");
        }
        out += ',';
      }
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const n = this.number();
      if (typeof n === 'number') return Number.isSafeInteger(n) ? '' + n : canonicalNumber(n);
      try {
        return canonicalNumberLiteral(n.literal);
      } catch {
        this.unsure = true; // no canonical form: the reference path refuses the log, naming why
        return '0';
      }
    }
    const v = this.value(depth); // true, false, null, or the parser's error
    return v === null ? 'null' : v ? 'true' : 'false';
  }

  /** The value at `pos`, validated only (objects' names still checked for duplicates). */
  private skip(depth: number): void {
    const c = this.s.charCodeAt(this.pos);
    if (c === 0x22) this.string(false);
    else if (c === 0x7b) this.members(depth + 1, EMPTY, false);
    else if (c === 0x5b) {
      if (depth + 1 > this.maxDepth) throw new RangeError('nesting too deep');
      this.pos++;
      this.skipWs();
      if (this.s.charCodeAt(this.pos) === 0x5d) {
        this.pos++;
        return;
      }
      for (;;) {
        this.skipWs();
        this.skip(depth + 1);
        this.skipWs();
        const d = this.s.charCodeAt(this.pos++);
        if (d === 0x5d) return;
        if (d !== 0x2c) {
          this.pos--;
          this.fail("expected ',' or ']'");
        }
      }
    } else this.value(depth); // numbers and literals: nothing to build worth avoiding
  }
}

/** A selector node that selects nothing: {@link ScanParser.skip} validates objects through it. */
const EMPTY: SelectorNode = { whole: false, children: new Map() };

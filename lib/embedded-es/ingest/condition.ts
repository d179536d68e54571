/**
 * A small Painless subset for processor `if` conditions: `ctx.a?.b` access, string/number/boolean
 * /null literals, `== != < > <= >= && || !`, parentheses, and the methods `contains`,
 * `containsKey`, `startsWith`, `endsWith`, `isEmpty`, `size`, `length`, `toLowerCase`,
 * `toUpperCase`. Anything else is rejected when the pipeline is stored (`script_exception`),
 * never silently treated as true.
 */
import { esError } from '../errors/embedded-es-error';
import { JsonNumber, toPlain } from '../json/json-node';
import type { IngestDocument } from './ingest-document';

type Node =
  | { t: 'lit'; v: unknown }
  | { t: 'path'; parts: string[] }
  | { t: 'not'; e: Node }
  | { t: 'bin'; op: string; l: Node; r: Node }
  | { t: 'call'; target: Node; name: string; args: Node[] };

const TOKEN = /\s*(\?\.|==|!=|<=|>=|&&|\|\||[()!<>.,[\]]|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_]*)/y;
const METHODS = new Set(['contains', 'containsKey', 'startsWith', 'endsWith', 'isEmpty', 'size', 'length', 'toLowerCase', 'toUpperCase', 'equals']);

function compileError(source: string, why: string): Error {
  return esError({
    status: 400,
    type: 'script_exception',
    reason: 'compile error',
    metadata: { script_stack: [source], script: source, lang: 'painless' },
    causedBy: { type: 'illegal_argument_exception', reason: why },
  });
}

class P {
  toks: string[] = [];
  i = 0;
  constructor(readonly src: string) {
    TOKEN.lastIndex = 0;
    let m: RegExpExecArray | null;
    let pos = 0;
    while (pos < src.length && (m = TOKEN.exec(src))) {
      this.toks.push(m[1] as string);
      pos = TOKEN.lastIndex;
    }
    if (src.slice(pos).trim() !== '') throw compileError(src, `unexpected character at ${pos}`);
    while (this.toks[this.toks.length - 1] === ';') this.toks.pop();
  }
  peek(): string | undefined {
    return this.toks[this.i];
  }
  next(): string {
    const t = this.toks[this.i++];
    if (t === undefined) throw compileError(this.src, 'unexpected end of script');
    return t;
  }
  expect(t: string): void {
    if (this.next() !== t) throw compileError(this.src, `expected [${t}]`);
  }
  parse(): Node {
    const e = this.or();
    if (this.i !== this.toks.length) throw compileError(this.src, `unexpected token [${this.peek()}]`);
    return e;
  }
  or(): Node {
    let l = this.and();
    while (this.peek() === '||') {
      this.next();
      l = { t: 'bin', op: '||', l, r: this.and() };
    }
    return l;
  }
  and(): Node {
    let l = this.cmp();
    while (this.peek() === '&&') {
      this.next();
      l = { t: 'bin', op: '&&', l, r: this.cmp() };
    }
    return l;
  }
  cmp(): Node {
    const l = this.unary();
    const op = this.peek();
    if (op && ['==', '!=', '<', '>', '<=', '>='].includes(op)) {
      this.next();
      return { t: 'bin', op, l, r: this.unary() };
    }
    return l;
  }
  unary(): Node {
    if (this.peek() === '!') {
      this.next();
      return { t: 'not', e: this.unary() };
    }
    return this.postfix(this.primary());
  }
  primary(): Node {
    const t = this.next();
    if (t === '(') {
      const e = this.or();
      this.expect(')');
      return e;
    }
    if (t.startsWith("'") || t.startsWith('"')) return { t: 'lit', v: t.slice(1, -1).replace(/\\(.)/g, '$1') };
    if (/^-?\d/.test(t)) return { t: 'lit', v: Number(t) };
    if (t === 'true' || t === 'false') return { t: 'lit', v: t === 'true' };
    if (t === 'null') return { t: 'lit', v: null };
    if (t === 'ctx') return { t: 'path', parts: [] };
    throw compileError(this.src, `cannot resolve symbol [${t}]`);
  }
  postfix(node: Node): Node {
    for (;;) {
      const t = this.peek();
      if (t === '.' || t === '?.') {
        this.next();
        const name = this.next();
        if (this.peek() === '(') {
          if (!METHODS.has(name)) throw compileError(this.src, `unknown method [${name}]`);
          this.next();
          const args: Node[] = [];
          while (this.peek() !== ')') {
            args.push(this.or());
            if (this.peek() === ',') this.next();
          }
          this.next();
          node = { t: 'call', target: node, name, args };
        } else if (node.t === 'path') node = { t: 'path', parts: [...node.parts, name] };
        else throw compileError(this.src, 'field access on a non-field');
      } else if (t === '[' && node.t === 'path') {
        this.next();
        const key = this.next();
        this.expect(']');
        node = { t: 'path', parts: [...node.parts, key.replace(/^['"]|['"]$/g, '')] };
      } else return node;
    }
  }
}

function evaluate(n: Node, doc: IngestDocument): unknown {
  switch (n.t) {
    case 'lit': return n.v;
    case 'path': {
      if (n.parts.length === 0) return toPlain(doc.source);
      const v = doc.get(n.parts.join('.'));
      return v instanceof JsonNumber ? v.value : v === undefined ? null : toPlain(v);
    }
    case 'not': return !evaluate(n.e, doc);
    case 'bin': {
      if (n.op === '&&') return Boolean(evaluate(n.l, doc)) && Boolean(evaluate(n.r, doc));
      if (n.op === '||') return Boolean(evaluate(n.l, doc)) || Boolean(evaluate(n.r, doc));
      const l = evaluate(n.l, doc);
      const r = evaluate(n.r, doc);
      switch (n.op) {
        case '==': return JSON.stringify(l) === JSON.stringify(r);
        case '!=': return JSON.stringify(l) !== JSON.stringify(r);
        case '<': return (l as number) < (r as number);
        case '>': return (l as number) > (r as number);
        case '<=': return (l as number) <= (r as number);
        default: return (l as number) >= (r as number);
      }
    }
    case 'call': {
      const target = evaluate(n.target, doc);
      const args = n.args.map((a) => evaluate(a, doc));
      if (target === null || target === undefined) {
        throw esError({ status: 400, type: 'script_exception', reason: 'runtime error', causedBy: { type: 'null_pointer_exception', reason: `Cannot invoke "${n.name}" on a null value` } });
      }
      switch (n.name) {
        case 'contains': return Array.isArray(target) ? target.some((x) => JSON.stringify(x) === JSON.stringify(args[0])) : String(target).includes(String(args[0]));
        case 'containsKey': return typeof target === 'object' && Object.prototype.hasOwnProperty.call(target, String(args[0]));
        case 'startsWith': return String(target).startsWith(String(args[0]));
        case 'endsWith': return String(target).endsWith(String(args[0]));
        case 'isEmpty': return Array.isArray(target) ? target.length === 0 : typeof target === 'object' ? Object.keys(target as object).length === 0 : String(target) === '';
        case 'size': return Array.isArray(target) ? target.length : Object.keys(target as object).length;
        case 'length': return String(target).length;
        case 'toLowerCase': return String(target).toLowerCase();
        case 'toUpperCase': return String(target).toUpperCase();
        default: return JSON.stringify(target) === JSON.stringify(args[0]);
      }
    }
  }
}

const cache = new Map<string, Node>();

/** Compiles a condition. @throws script_exception for unsupported scripts. */
export function compileCondition(source: string): Node {
  let node = cache.get(source);
  if (!node) {
    node = new P(source.trim()).parse();
    cache.set(source, node);
  }
  return node;
}

/** Evaluates `source` against a document. */
export function testCondition(source: string, doc: IngestDocument): boolean {
  return Boolean(evaluate(compileCondition(source), doc));
}

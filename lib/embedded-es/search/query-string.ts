/**
 * `q=` and `query_string` basics: terms, `field:value`, quoted phrases, `*`/`?` wildcards,
 * `AND`/`OR`/`NOT`/`&&`/`||`/`!`/`+`/`-`, parentheses, ranges (`[a TO b]`, `{a TO b}`,
 * `>=10`), `field:*` and `_exists_:field`.
 */
import { parsingException } from '../errors/es-errors';
import type { Query } from './query-types';

type Tok = { t: 'word' | 'phrase' | 'op' | 'lp' | 'rp' | 'range'; v: string; field?: string; prefix?: string };

function lex(input: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const s = input;
  while (i < s.length) {
    const c = s.charAt(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(') { out.push({ t: 'lp', v: c }); i++; continue; }
    if (c === ')') { out.push({ t: 'rp', v: c }); i++; continue; }
    if (s.startsWith('&&', i) || s.startsWith('||', i)) { out.push({ t: 'op', v: s.startsWith('&&', i) ? 'AND' : 'OR' }); i += 2; continue; }
    let prefix: string | undefined;
    if ((c === '+' || c === '-' || c === '!') && i + 1 < s.length && !/\s/.test(s.charAt(i + 1))) {
      prefix = c === '!' ? '-' : c;
      i++;
    }
    // field:
    let field: string | undefined;
    const fm = /^((?:\\.|[^\s:()"\\])+):/.exec(s.slice(i));
    if (fm && !/^(AND|OR|NOT)$/.test(fm[1] as string)) {
      field = (fm[1] as string).replace(/\\(.)/g, '$1');
      i += fm[0].length;
      if (s.charAt(i) === '(') {
        out.push({ t: 'lp', v: '(', field, prefix });
        i++;
        continue;
      }
    }
    const ch = s.charAt(i);
    if (ch === '"') {
      const end = s.indexOf('"', i + 1);
      const stop = end === -1 ? s.length : end;
      out.push({ t: 'phrase', v: s.slice(i + 1, stop), field, prefix });
      i = stop + 1;
      continue;
    }
    if (ch === '[' || ch === '{') {
      const close = s.slice(i).search(/[\]}]/);
      const stop = close === -1 ? s.length : i + close;
      out.push({ t: 'range', v: s.slice(i, stop + 1), field, prefix });
      i = stop + 1;
      continue;
    }
    const wm = /^(?:\\.|[^\s()"\\])+/.exec(s.slice(i));
    const word = wm ? wm[0] : ch;
    i += word.length || 1;
    if (!field && !prefix && /^(AND|OR|NOT)$/.test(word)) out.push({ t: 'op', v: word });
    else out.push({ t: 'word', v: word.replace(/\\(.)/g, '$1'), field, prefix });
  }
  return out;
}

function rangeQuery(field: string, text: string): Query {
  const m = /^([[{])\s*(\S+)\s+TO\s+(\S+)\s*([\]}])$/.exec(text);
  if (!m) throw parsingException(`Failed to parse query [${text}]`);
  const lo = m[2] === '*' ? undefined : m[2];
  const hi = m[3] === '*' ? undefined : m[3];
  const q: Query = { kind: 'range', field, boost: 1 };
  if (lo !== undefined) q[m[1] === '[' ? 'gte' : 'gt'] = lo;
  if (hi !== undefined) q[m[4] === ']' ? 'lte' : 'lt'] = hi;
  return q;
}

function leaf(tok: Tok, defaultFields: string[]): Query {
  const fields = tok.field !== undefined ? [tok.field] : defaultFields;
  const one = (field: string): Query => {
    if (tok.t === 'range') return rangeQuery(field, tok.v);
    if (tok.t === 'phrase') return { kind: 'match', field, query: tok.v, operator: 'and', boost: 1, phrase: true, zeroTermsAll: false };
    if (field === '_exists_') return { kind: 'exists', field: tok.v, boost: 1 };
    if (tok.v === '*') return { kind: 'exists', field, boost: 1 };
    const cmp = /^(>=|<=|>|<)(.+)$/.exec(tok.v);
    if (cmp) {
      const op = { '>=': 'gte', '<=': 'lte', '>': 'gt', '<': 'lt' }[cmp[1] as string] as 'gte';
      return { kind: 'range', field, [op]: cmp[2], boost: 1 };
    }
    if (/[*?]/.test(tok.v)) return { kind: 'wildcard', field, value: tok.v, boost: 1, caseInsensitive: true };
    return { kind: 'match', field, query: tok.v, operator: 'or', boost: 1, phrase: false, zeroTermsAll: false };
  };
  if (fields.length === 1) return one(fields[0] as string);
  return { kind: 'bool', must: [], filter: [], mustNot: [], should: fields.map(one), boost: 1 };
}

class QsParser {
  i = 0;
  constructor(readonly toks: Tok[], readonly defaultFields: string[], readonly defaultOp: 'or' | 'and') {}

  parse(stopAtParen: boolean): Query {
    const clauses: { q: Query; occur: 'must' | 'should' | 'must_not' }[] = [];
    let pendingOp: string | undefined;
    let negateNext = false;
    while (this.i < this.toks.length) {
      const tok = this.toks[this.i] as Tok;
      if (tok.t === 'rp') {
        if (stopAtParen) {
          this.i++;
          break;
        }
        this.i++;
        continue;
      }
      if (tok.t === 'op') {
        this.i++;
        if (tok.v === 'NOT') negateNext = true;
        else {
          pendingOp = tok.v;
          const prev = clauses[clauses.length - 1];
          if (prev && tok.v === 'AND' && prev.occur === 'should') prev.occur = 'must';
        }
        continue;
      }
      let q: Query;
      this.i++;
      if (tok.t === 'lp') {
        const inner = new QsParser(this.toks, tok.field !== undefined ? [tok.field] : this.defaultFields, this.defaultOp);
        inner.i = this.i;
        q = inner.parse(true);
        this.i = inner.i;
      } else q = leaf(tok, this.defaultFields);
      let occur: 'must' | 'should' | 'must_not' = this.defaultOp === 'and' ? 'must' : 'should';
      if (pendingOp === 'AND') occur = 'must';
      else if (pendingOp === 'OR') occur = 'should';
      if (tok.prefix === '+') occur = 'must';
      if (tok.prefix === '-' || negateNext) occur = 'must_not';
      clauses.push({ q, occur });
      pendingOp = undefined;
      negateNext = false;
    }
    if (clauses.length === 1 && clauses[0]?.occur !== 'must_not') return (clauses[0] as { q: Query }).q;
    const bool: Query = { kind: 'bool', must: [], filter: [], should: [], mustNot: [], boost: 1 };
    for (const c of clauses) {
      if (c.occur === 'must') bool.must.push(c.q);
      else if (c.occur === 'should') bool.should.push(c.q);
      else bool.mustNot.push(c.q);
    }
    if (bool.must.length === 0 && bool.should.length === 0) bool.must.push({ kind: 'match_all', boost: 1 });
    return bool;
  }
}

/** Parses a Lucene-style query string. */
export function parseQueryString(text: string, defaultFields: string[], defaultOperator: 'or' | 'and'): Query {
  if (text.trim() === '') return { kind: 'match_none' };
  return new QsParser(lex(text), defaultFields, defaultOperator).parse(false);
}

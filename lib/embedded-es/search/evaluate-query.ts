/**
 * Runs a query AST over one index view, producing a score per ordinal (NaN = no match).
 * Evaluation is eager and column-wise: each node is one pass over the view's ordinals, and bool
 * combines the arrays. `match` on text fields scores with BM25 (k1 = 1.2, b = 0.75) over the
 * analyzed text so relevance order resembles Elasticsearch's; filters score 0, other leaves
 * score their boost.
 */
import { globMatch } from '../json/glob';
import { userRegex } from '../json/user-regex';
import type { FieldInfo } from '../mapping/compile-mapping';
import { resolveDateMath } from '../mapping/date-math';
import { analyze, analyzeWhitespace } from './analyze';
import { columnOf, matchingFields, toIndexed, valuePaths } from './field-values';
import type { Query } from './query-types';
import type { SearchView } from './search-view';

type Scores = Float64Array;

function empty(view: SearchView): Scores {
  return new Float64Array(view.docs.length).fill(NaN);
}

function constant(view: SearchView, score: number): Scores {
  const out = empty(view);
  const docs = view.docs;
  for (let i = 0; i < docs.length; i++) if (docs[i] !== undefined) out[i] = score;
  return out;
}

/** The analyzer of a text field (`whitespace` when mapped so, standard otherwise). */
function tokenizer(view: SearchView, f: FieldInfo): (text: string) => string[] {
  return analyzerOf(view, f) === 'whitespace' ? analyzeWhitespace : analyze;
}

function analyzerOf(view: SearchView, f: FieldInfo): string | undefined {
  let node: unknown = view.mapping.json;
  for (const part of f.path.split('.')) node = ((node as Record<string, unknown>).properties as Record<string, unknown> | undefined)?.[part];
  return (node as Record<string, unknown> | undefined)?.analyzer as string | undefined;
}

/** Applies `test` to every value of `field`; `boost` where any value passes. */
function scan(view: SearchView, field: string, boost: number, test: (v: string | number) => boolean, idTest?: (id: string) => boolean): Scores {
  const out = empty(view);
  const docs = view.docs;
  if (field === '_id' || field === '_index') {
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i];
      if (d !== undefined && (field === '_id' ? (idTest ?? test)(d.id) : test(view.name))) out[i] = boost;
    }
    return out;
  }
  const col = columnOf(view, field);
  if (!col) return out;
  if (col.kind === 'num') {
    const vals = col.vals;
    const n = Math.min(vals.length, docs.length);
    for (let i = 0; i < n; i++) {
      const v = vals[i] as number;
      if (Number.isNaN(v) || docs[i] === undefined) continue;
      if (test(v)) out[i] = boost;
      else if (col.multi?.has(i) && col.all(i).some(test)) out[i] = boost;
    }
  } else {
    const vals = col.vals;
    const n = Math.min(vals.length, docs.length);
    for (let i = 0; i < n; i++) {
      const v = vals[i];
      if (v === undefined || docs[i] === undefined) continue;
      if (typeof v === 'string' ? test(v) : v.some(test)) out[i] = boost;
    }
  }
  return out;
}

function anyOf(view: SearchView, parts: Scores[]): Scores {
  const out = empty(view);
  for (const p of parts) for (let i = 0; i < out.length; i++) if (!Number.isNaN(p[i] as number) && !((out[i] as number) >= (p[i] as number))) out[i] = p[i] as number;
  return out;
}

function minimumShouldMatch(spec: string | undefined, clauses: number, dflt: number): number {
  if (spec === undefined) return dflt;
  const pct = /^(-?\d+)%$/.exec(spec);
  let n = pct ? Math.trunc((clauses * Number(pct[1])) / 100) : Number(spec);
  if (n < 0) n = clauses + n;
  return Math.max(0, Math.min(clauses, Number.isNaN(n) ? dflt : n));
}

function textMatch(view: SearchView, f: FieldInfo, query: string, q: Extract<Query, { kind: 'match' }>): Scores {
  const out = empty(view);
  const tokensOf = tokenizer(view, f);
  const terms = tokensOf(query);
  if (terms.length === 0) return q.zeroTermsAll ? constant(view, 1) : out;
  const unique = [...new Set(terms)];
  const need = q.phrase ? unique.length : q.operator === 'and' ? unique.length : minimumShouldMatch(q.minimumShouldMatch, unique.length, 1);
  const col = columnOf(view, f.path);
  if (!col || col.kind !== 'str') return out;
  const df = new Float64Array(unique.length);
  const hits: { ord: number; tf: number[]; len: number }[] = [];
  let docsWithField = 0;
  let totalLen = 0;
  const docs = view.docs;
  for (let i = 0; i < docs.length; i++) {
    if (docs[i] === undefined) continue;
    const values = col.all(i);
    if (values.length === 0) continue;
    docsWithField++;
    const toks: string[] = [];
    for (const v of values) toks.push(...tokensOf(v));
    totalLen += toks.length;
    const tf = unique.map((t) => toks.reduce((n, x) => (x === t ? n + 1 : n), 0));
    let matched = 0;
    tf.forEach((c, j) => {
      if (c > 0) {
        matched++;
        df[j] = (df[j] as number) + 1;
      }
    });
    if (matched === 0 || matched < need) continue;
    if (q.phrase) {
      let found = false;
      for (let s = 0; s + terms.length <= toks.length && !found; s++) found = terms.every((t, k) => toks[s + k] === t);
      if (!found) continue;
    }
    hits.push({ ord: i, tf, len: toks.length });
  }
  const avg = docsWithField === 0 ? 1 : totalLen / docsWithField;
  for (const h of hits) {
    let score = 0;
    h.tf.forEach((tf, j) => {
      if (tf === 0) return;
      const d = df[j] as number;
      const idf = Math.log(1 + (docsWithField - d + 0.5) / (d + 0.5));
      score += (idf * (tf * 2.2)) / (tf + 1.2 * (0.25 + (0.75 * h.len) / avg));
    });
    out[h.ord] = score * q.boost;
  }
  return out;
}

function wildcardRegex(pattern: string, ci: boolean): RegExp {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, ci ? 'i' : '');
}

function fieldsFor(view: SearchView, name: string): (FieldInfo | string)[] {
  if (name === '_id' || name === '_index') return [name];
  return matchingFields(view, name);
}

/** Evaluates `q` over `view`. */
export function evaluateQuery(q: Query, view: SearchView, now: number): Scores {
  switch (q.kind) {
    case 'match_all':
      return constant(view, q.boost);
    case 'match_none':
      return empty(view);
    case 'ids': {
      const set = new Set(q.values);
      return scan(view, '_id', q.boost, (v) => set.has(String(v)));
    }
    case 'term': case 'terms': {
      const values = q.kind === 'term' ? [q.value] : q.values;
      const parts = fieldsFor(view, q.field).map((f) => {
        if (typeof f === 'string') {
          const set = new Set(values.map(String));
          return scan(view, f, q.boost, (v) => set.has(String(v)));
        }
        const ci = q.kind === 'term' && q.caseInsensitive;
        const set = new Set(values.map((v) => toIndexed(f, v)).filter((v) => v !== undefined).map((v) => (ci ? String(v).toLowerCase() : v)));
        if (f.valueKind === 'text') {
          const tok = tokenizer(view, f);
          return scan(view, f.path, q.boost, (v) => tok(String(v)).some((t) => set.has(t)));
        }
        return scan(view, f.path, q.boost, (v) => set.has(ci ? String(v).toLowerCase() : v));
      });
      return anyOf(view, parts);
    }
    case 'range': {
      const parts = matchingFields(view, q.field).map((f) => {
        const conv = (v: unknown, roundUp: boolean): string | number | undefined => {
          if (f.valueKind === 'date' && (typeof v === 'string' || typeof v === 'number')) return resolveDateMath(v, q.format ?? f.format, now, roundUp);
          return toIndexed(f, v, q.format);
        };
        const gt = q.gt === undefined ? undefined : conv(q.gt, true);
        const gte = q.gte === undefined ? undefined : conv(q.gte, false);
        const lt = q.lt === undefined ? undefined : conv(q.lt, false);
        const lte = q.lte === undefined ? undefined : conv(q.lte, true);
        return scan(view, f.path, q.boost, (v) =>
          (gt === undefined || v > gt) && (gte === undefined || v >= gte) && (lt === undefined || v < lt) && (lte === undefined || v <= lte));
      });
      return anyOf(view, parts);
    }
    case 'exists': {
      const paths: string[] = [];
      for (const path of valuePaths(view)) {
        if (path === q.field || path.startsWith(`${q.field}.`) || (q.field.includes('*') && globMatch(q.field, path))) paths.push(path);
      }
      return anyOf(view, paths.map((p) => scan(view, p, q.boost, () => true)));
    }
    case 'prefix': case 'wildcard': case 'regexp': {
      const re = q.kind === 'regexp' ? userRegex(q.value) : q.kind === 'prefix' ? null : wildcardRegex(q.value, q.caseInsensitive);
      const prefix = q.kind === 'prefix' ? (q.caseInsensitive ? q.value.toLowerCase() : q.value) : '';
      const ci = q.kind !== 'regexp' && q.caseInsensitive;
      const test = (s: string): boolean => (re ? re.test(s) : (ci ? s.toLowerCase() : s).startsWith(prefix));
      const parts = fieldsFor(view, q.field).map((f) => {
        if (typeof f === 'string') return scan(view, f, q.boost, (v) => test(String(v)));
        if (f.valueKind === 'text') {
          const tok = tokenizer(view, f);
          return scan(view, f.path, q.boost, (v) => tok(String(v)).some(test));
        }
        if (f.valueKind !== 'keyword') return empty(view);
        return scan(view, f.path, q.boost, (v) => test(String(v)));
      });
      return anyOf(view, parts);
    }
    case 'match': {
      const parts = fieldsFor(view, q.field).map((f) => {
        if (typeof f === 'string') return scan(view, f, q.boost, (v) => String(v) === String(q.query));
        if (f.valueKind === 'text') return textMatch(view, f, String(q.query), q);
        const v = toIndexed(f, q.query);
        if (v === undefined) return empty(view);
        return scan(view, f.path, q.boost, (x) => x === v);
      });
      return anyOf(view, parts);
    }
    case 'multi_match':
      return anyOf(view, q.fields.map((field) => evaluateQuery({ kind: 'match', field, query: q.query, operator: q.operator, boost: q.boost, phrase: q.phrase, zeroTermsAll: false }, view, now)));
    case 'constant_score': {
      const inner = evaluateQuery(q.filter, view, now);
      for (let i = 0; i < inner.length; i++) if (!Number.isNaN(inner[i] as number)) inner[i] = q.boost;
      return inner;
    }
    case 'bool':
      return evaluateBool(q, view, now);
  }
}

function evaluateBool(q: Extract<Query, { kind: 'bool' }>, view: SearchView, now: number): Scores {
  const must = q.must.map((x) => evaluateQuery(x, view, now));
  const filter = q.filter.map((x) => evaluateQuery(x, view, now));
  const should = q.should.map((x) => evaluateQuery(x, view, now));
  const mustNot = q.mustNot.map((x) => evaluateQuery(x, view, now));
  const required = must.length + filter.length === 0 ? minimumShouldMatch(q.minimumShouldMatch, should.length, should.length > 0 ? 1 : 0) : minimumShouldMatch(q.minimumShouldMatch, should.length, 0);
  const out = empty(view);
  const docs = view.docs;
  const noClauses = must.length + filter.length + should.length === 0;
  outer: for (let i = 0; i < docs.length; i++) {
    if (docs[i] === undefined) continue;
    let score = 0;
    for (const m of must) {
      const s = m[i] as number;
      if (Number.isNaN(s)) continue outer;
      score += s;
    }
    for (const f of filter) if (Number.isNaN(f[i] as number)) continue outer;
    for (const n of mustNot) if (!Number.isNaN(n[i] as number)) continue outer;
    let matched = 0;
    for (const s of should) {
      const v = s[i] as number;
      if (!Number.isNaN(v)) {
        matched++;
        score += v;
      }
    }
    if (matched < required) continue;
    out[i] = noClauses ? 1 : score * q.boost;
  }
  return out;
}

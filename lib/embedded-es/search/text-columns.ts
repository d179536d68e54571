/**
 * Doc values of `text` fields, built on demand from `_source`. The write path does not keep
 * text (it is the bulk of a log line and would double memory); the first query that needs a text
 * field reads it from the stored sources once per index view and caches it. The cache is keyed by
 * the view's record array: live views share it until the index compacts, point-in-time views get
 * their own.
 */
import { JsonNumber, type JsonNode } from '../json/json-node';
import { parseJson } from '../json/parse-json';
import { StrColumn } from '../state/columns';
import type { DocRecord } from '../state/doc-record';
import type { SearchView } from './search-view';

interface Cached {
  col: StrColumn;
  upTo: number;
}

const cache = new WeakMap<readonly (DocRecord | undefined)[], Map<string, Cached>>();

function collect(node: JsonNode | undefined, parts: readonly string[], i: number, out: string[]): void {
  if (node === undefined || node === null) return;
  if (Array.isArray(node)) {
    for (const x of node) collect(x, parts, i, out);
    return;
  }
  if (i === parts.length) {
    if (typeof node === 'string') out.push(node);
    else if (node instanceof JsonNumber) out.push(node.text);
    else if (typeof node === 'number' || typeof node === 'boolean') out.push(String(node));
    return;
  }
  if (!(node instanceof Map)) return;
  // `a.b.c` may be written nested or with dotted keys at any level.
  for (let j = i + 1; j <= parts.length; j++) {
    const key = parts.slice(i, j).join('.');
    if (node.has(key)) collect(node.get(key), parts, j, out);
  }
}

/** String values of `path` in a stored source. */
export function extractStrings(source: Buffer, path: string): string[] {
  const out: string[] = [];
  collect(parseJson(source.toString('utf8')), path.split('.'), 0, out);
  return out;
}

/** The text column of `path` in `view`, materialized up to the view's last ordinal. */
export function textColumn(view: SearchView, path: string): StrColumn {
  let perView = cache.get(view.docs);
  if (!perView) cache.set(view.docs, (perView = new Map()));
  let entry = perView.get(path);
  if (!entry) perView.set(path, (entry = { col: new StrColumn(), upTo: 0 }));
  const docs = view.docs;
  for (let ord = entry.upTo; ord < docs.length; ord++) {
    const rec = docs[ord];
    if (rec === undefined) continue;
    for (const v of extractStrings(rec.source, path)) entry.col.add(ord, v);
  }
  entry.upTo = docs.length;
  return entry.col;
}

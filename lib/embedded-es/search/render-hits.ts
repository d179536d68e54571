/** Turns sorted candidates into the `hits.hits` entries of a search response. */
import { SourceFilter } from '../json/filter-source';
import { RawJson, RawParts } from '../json/json-node';
import { globMatch } from '../json/glob';
import { formatDate } from '../mapping/dates';
import { stringifyJson } from '../json/stringify-json';
import { columnOf, valuePaths } from './field-values';
import type { SearchInput } from './search-request';
import type { SearchView } from './search-view';
import type { SortedHits } from './sort';

export interface RenderOptions {
  source: SearchInput['source'];
  seqNoPrimaryTerm: boolean;
  version: boolean;
  fields: string[] | undefined;
  emitSort: boolean;
  emitScore: boolean;
}

function fieldValues(view: SearchView, ord: number, patterns: string[]): Record<string, unknown[]> | undefined {
  const out: Record<string, unknown[]> = {};
  for (const path of valuePaths(view)) {
    if (!patterns.some((p) => globMatch(p, path))) continue;
    const col = columnOf(view, path);
    if (!col) continue;
    const info = view.mapping.fields.get(path);
    const values = col.all(ord) as (string | number)[];
    if (values.length === 0) continue;
    out[path] = values.map((v) => {
      if (typeof v !== 'number' || !info) return v;
      if (info.valueKind === 'date') return formatDate(v, info.format);
      if (info.valueKind === 'boolean') return v === 1;
      return v;
    });
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Renders the hits at positions [start, end) of the sorted order. */
export function renderHits(views: readonly SearchView[], sorted: SortedHits, start: number, end: number, opts: RenderOptions): (RawJson | RawParts)[] {
  const filter = opts.source === false ? undefined : new SourceFilter(opts.source.includes, opts.source.excludes);
  const noop = filter?.isNoop === true;
  const cands = sorted.cands;
  const out: (RawJson | RawParts)[] = [];
  let lastView: SearchView | undefined;
  let indexJson = '';
  for (let pos = start; pos < end; pos++) {
    const idx = sorted.order[pos] as number;
    const view = views[cands.view[idx] as number] as SearchView;
    const ord = cands.ord[idx] as number;
    const rec = view.docs[ord];
    if (!rec) continue;
    if (view !== lastView) {
      lastView = view;
      indexJson = JSON.stringify(view.name);
    }
    // Rendered straight to JSON pieces around the stored bytes: pages of 500 hits are the hot
    // path of point-in-time reads.
    let hit = `{"_index":${indexJson},"_id":${JSON.stringify(rec.id)}`;
    if (opts.version) hit += `,"_version":${rec.version}`;
    if (opts.seqNoPrimaryTerm) hit += `,"_seq_no":${rec.seqNo},"_primary_term":${rec.primaryTerm}`;
    hit += `,"_score":${opts.emitScore ? stringifyJson(cands.score[idx]) : 'null'}`;
    if (rec.routing !== undefined) hit += `,"_routing":${JSON.stringify(rec.routing)}`;
    let tail = '';
    if (filter) {
      hit += ',"_source":';
      if (!noop) hit += filter.apply(rec.source.toString('utf8'));
    }
    if (opts.fields) {
      const f = fieldValues(view, ord, opts.fields);
      if (f) tail += `,"fields":${stringifyJson(f)}`;
    }
    if (opts.emitSort) tail += `,"sort":${stringifyJson(sorted.sortValues(idx))}`;
    out.push(filter && noop ? new RawParts([hit, rec.source, tail + '}']) : new RawJson(hit + tail + '}'));
  }
  return out;
}

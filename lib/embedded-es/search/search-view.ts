/**
 * A read view of one index: its records, columns and mapping at a point in time. Live searches
 * use the current arrays directly (a search runs synchronously, nothing changes meanwhile);
 * point-in-time and scroll contexts freeze a copy at open time, which stays valid because an
 * ordinal's values never change and compaction builds new columns.
 */
import type { CompiledMapping } from '../mapping/compile-mapping';
import type { Column } from '../state/columns';
import type { DocRecord } from '../state/doc-record';
import type { IndexState } from '../state/store';

export interface SearchView {
  readonly name: string;
  readonly uuid: string;
  /** Position of the index in the request (the shard index of `_shard_doc`). */
  readonly shard: number;
  readonly docs: readonly (DocRecord | undefined)[];
  readonly columns: ReadonlyMap<string, Column>;
  readonly mapping: CompiledMapping;
  readonly live: number;
  readonly maxResultWindow: number;
}

function maxWindow(state: IndexState): number {
  return Number(state.meta.settings['index.max_result_window'] ?? 10_000);
}

export function liveView(state: IndexState, shard: number): SearchView {
  return { name: state.meta.name, uuid: state.meta.uuid, shard, docs: state.data.docs, columns: state.data.columns, mapping: state.mapping, live: state.data.live, maxResultWindow: maxWindow(state) };
}

export function frozenView(state: IndexState, shard: number): SearchView {
  return {
    name: state.meta.name,
    uuid: state.meta.uuid,
    shard,
    docs: state.data.docs.slice(),
    columns: new Map(state.data.columns),
    mapping: state.mapping,
    live: state.data.live,
    maxResultWindow: maxWindow(state),
  };
}

/** `_shard_doc`-style global key: shard index in the high bits, ordinal in the low 32. */
export function globalKey(shard: number, ord: number): number {
  return shard * 4294967296 + ord;
}

/**
 * The documents of one index: records by ordinal, the id → ordinal map and the columns.
 * Ordinals only grow; a replaced or deleted document leaves a hole that compaction removes once
 * holes outnumber live documents (point-in-time readers keep the old arrays alive meanwhile).
 */
import { copyValues, NumColumn, StrColumn, type Column } from './columns';
import type { DocRecord } from './doc-record';
import type { DocumentFields } from '../mapping/index-document';

const MAX_TOMBSTONES = 100_000;

export class IndexData {
  docs: (DocRecord | undefined)[] = [];
  ids = new Map<string, number>();
  columns = new Map<string, Column>();
  live = 0;
  maxSeqNo = -1;
  /** Bumped on every change; search caches key on it. */
  generation = 0;
  /** Versions of recently deleted ids, so a re-created document continues the version. */
  readonly tombstones = new Map<string, number>();

  get(id: string): DocRecord | undefined {
    const ord = this.ids.get(id);
    return ord === undefined ? undefined : this.docs[ord];
  }

  /** Ordinal of the live document `id`. */
  ordOf(id: string): number | undefined {
    return this.ids.get(id);
  }

  /**
   * Stores a record (replacing any live record with the same id) with its indexed fields.
   * @param knownOrd the live ordinal of `rec.id` when the caller already looked it up (`null`: none).
   */
  insert(rec: DocRecord, fields: DocumentFields, knownOrd?: number | null): void {
    const old = knownOrd === undefined ? this.ids.get(rec.id) : knownOrd ?? undefined;
    if (old !== undefined) {
      this.docs[old] = undefined;
      this.live--;
    }
    const ord = this.docs.length;
    this.docs.push(rec);
    this.ids.set(rec.id, ord);
    this.tombstones.delete(rec.id);
    this.live++;
    if (rec.seqNo > this.maxSeqNo) this.maxSeqNo = rec.seqNo;
    const { paths, values } = fields;
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i] as string;
      const v = values[i] as string | number;
      let col = this.columns.get(path);
      if (!col) {
        col = typeof v === 'number' ? new NumColumn() : new StrColumn();
        this.columns.set(path, col);
      }
      if (col.kind === 'num') {
        if (typeof v === 'number') col.add(ord, v);
      } else if (typeof v === 'string') col.add(ord, v);
    }
    this.generation++;
    this.maybeCompact();
  }

  /** Deletes a live document; returns its record. */
  remove(id: string, version: number, seqNo: number): DocRecord | undefined {
    if (seqNo > this.maxSeqNo) this.maxSeqNo = seqNo;
    this.generation++;
    this.tombstones.set(id, version);
    if (this.tombstones.size > MAX_TOMBSTONES) {
      const oldest = this.tombstones.keys().next().value;
      if (oldest !== undefined) this.tombstones.delete(oldest);
    }
    const ord = this.ids.get(id);
    if (ord === undefined) return undefined;
    const rec = this.docs[ord];
    this.docs[ord] = undefined;
    this.ids.delete(id);
    this.live--;
    this.maybeCompact();
    return rec;
  }

  /** Live records in ordinal order. */
  *records(): IterableIterator<DocRecord> {
    for (const r of this.docs) if (r !== undefined) yield r;
  }

  private maybeCompact(): void {
    const holes = this.docs.length - this.live;
    if (holes < 1024 || holes < this.live) return;
    const docs: DocRecord[] = [];
    const remap = new Int32Array(this.docs.length).fill(-1);
    this.docs.forEach((r, ord) => {
      if (r !== undefined) {
        remap[ord] = docs.length;
        docs.push(r);
      }
    });
    const columns = new Map<string, Column>();
    for (const [path, col] of this.columns) {
      const next: Column = col.kind === 'num' ? new NumColumn() : new StrColumn();
      for (let ord = 0; ord < remap.length; ord++) {
        const to = remap[ord] as number;
        if (to >= 0) copyValues(col, next, ord, to);
      }
      columns.set(path, next);
    }
    this.docs = docs;
    this.columns = columns;
    this.ids = new Map(docs.map((r, i) => [r.id, i]));
  }
}

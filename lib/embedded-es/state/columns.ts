/**
 * Per-field "doc values": the indexed form of one field for every document ordinal of an index,
 * used for queries, sorting and aggregations without touching `_source`.
 *
 * Invariant (what point-in-time readers rely on): the values of an ordinal never change once
 * written. Documents are replaced by appending a new ordinal, and compaction builds new columns.
 */

/** Numbers (long, double, date millis, boolean 0/1) in a growable Float64Array; NaN = missing. */
export class NumColumn {
  readonly kind = 'num';
  vals = new Float64Array(256).fill(NaN);
  multi: Map<number, number[]> | undefined;

  add(ord: number, v: number): void {
    if (ord >= this.vals.length) {
      let size = this.vals.length * 2;
      while (size <= ord) size *= 2;
      const next = new Float64Array(size).fill(NaN);
      next.set(this.vals);
      this.vals = next;
    }
    const cur = this.vals[ord] as number;
    if (Number.isNaN(cur)) {
      this.vals[ord] = v;
      return;
    }
    this.multi ??= new Map();
    const list = this.multi.get(ord);
    if (list) list.push(v);
    else this.multi.set(ord, [v]);
  }

  /** First value of the document, or undefined. */
  first(ord: number): number | undefined {
    const v = this.vals[ord];
    return v === undefined || Number.isNaN(v) ? undefined : v;
  }

  /** All values of the document. */
  all(ord: number): number[] {
    const v = this.vals[ord];
    if (v === undefined || Number.isNaN(v)) return [];
    const more = this.multi?.get(ord);
    return more ? [v, ...more] : [v];
  }
}

/** Strings (keyword, text) per ordinal. */
export class StrColumn {
  readonly kind = 'str';
  readonly vals: (string | string[] | undefined)[] = [];

  add(ord: number, v: string): void {
    while (this.vals.length < ord) this.vals.push(undefined);
    const cur = this.vals[ord];
    if (cur === undefined) this.vals[ord] = v;
    else if (Array.isArray(cur)) cur.push(v);
    else this.vals[ord] = [cur, v];
  }

  first(ord: number): string | undefined {
    const v = this.vals[ord];
    return Array.isArray(v) ? v[0] : v;
  }

  all(ord: number): string[] {
    const v = this.vals[ord];
    if (v === undefined) return [];
    return Array.isArray(v) ? v : [v];
  }
}

export type Column = NumColumn | StrColumn;

/** Copies one document's values between columns (used by compaction). */
export function copyValues(from: Column, to: Column, fromOrd: number, toOrd: number): void {
  if (from.kind === 'num' && to.kind === 'num') for (const v of from.all(fromOrd)) to.add(toOrd, v);
  else if (from.kind === 'str' && to.kind === 'str') for (const v of from.all(fromOrd)) to.add(toOrd, v);
}

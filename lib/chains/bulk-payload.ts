import type { BulkItem } from './ports';

/** The bulk body of a batch: one `create` action line and one document line per item. */
export function toBulkPayload(items: readonly BulkItem[]): string {
  let out = '';
  for (const it of items) {
    const action = it.pipeline === null ? { create: { _index: it.index, _id: it.id } } : { create: { _index: it.index, _id: it.id, pipeline: it.pipeline } };
    out += JSON.stringify(action) + '\n' + it.docText + '\n';
  }
  return out;
}

/** Reads a bulk body written by {@link toBulkPayload} back into items (outbox replay). */
export function fromBulkPayload(payload: string): BulkItem[] {
  const lines = payload.split('\n');
  const items: BulkItem[] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const action = (JSON.parse(lines[i] as string) as { create: { _index: string; _id: string; pipeline?: string } }).create;
    items.push({ index: action._index, id: action._id, pipeline: action.pipeline ?? null, docText: lines[i + 1] as string });
  }
  return items;
}

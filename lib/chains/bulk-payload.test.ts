import { describe, expect, it } from 'vitest';
import { bulkPayloadBytes, fromBulkPayload, toBulkPayload } from './bulk-payload';
import type { BulkItem } from './ports';

const items: BulkItem[] = [
  { index: 'logs-a-m-c-6_months-0', id: 'm-c-6_months-0-7', pipeline: null, docText: '{"message":"plain","ES_BLOCKCHAIN":{}}' },
  { index: 'logs-a-m-c-6_months-0', id: 'm-c-6_months-0-8', pipeline: 'geo@v1:x', docText: '{"message":"é 😀 \\"q\\" \\u2028","ES_BLOCKCHAIN":{}}' },
  // Not names Signet would make; the encoding must still be JSON's.
  { index: 'odd"index\\', id: 'id\u0001é', pipeline: 'p"', docText: '{}' },
];

/** The bulk body as its definition says: JSON.stringify of each action object, then the document. */
const expected = items.map((it) => `${JSON.stringify({ create: it.pipeline === null ? { _index: it.index, _id: it.id } : { _index: it.index, _id: it.id, pipeline: it.pipeline } })}\n${it.docText}\n`).join('');

describe('bulk payload', () => {
  it('writes a create action line and the document per item, as JSON.stringify would', () => {
    expect(toBulkPayload(items)).toBe(expected);
    expect(bulkPayloadBytes(items).toString('utf8')).toBe(expected);
    expect(fromBulkPayload(expected)).toEqual(items);
  });

  it('encodes in UTF-8 with the requested free room around the body', () => {
    const buf = bulkPayloadBytes(items, 5, 3);
    expect(buf.length).toBe(5 + Buffer.byteLength(expected) + 3);
    expect(buf.subarray(5, buf.length - 3).equals(Buffer.from(expected))).toBe(true);
    expect(bulkPayloadBytes([], 2, 1).length).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import type { BulkItem } from '../chains';
import { bulkReply, mockClient } from './__fixtures__/mock-client';
import { createStore } from './create-store';

const item = (n: number): BulkItem => ({
  index: 'auditbeat-7.10.1-elproxysigned-acme-6_months-0',
  id: `elproxysigned-acme-6_months-0-${n}`,
  pipeline: null,
  docText: `{"n":${n},"big":9007199254740993,"ES_BLOCKCHAIN":{"iteration":${n}}}`,
});
const bodyOf = (items: BulkItem[]) => items.map((it) => `{"create":{"_index":"${it.index}","_id":"${it.id}"}}\n${it.docText}\n`).join('');

describe('deliver with the caller\'s encoded body (the outbox record\'s payload)', () => {
  it('sends that body as the first request, and encodes retries from the items', async () => {
    const items = [item(0), item(1)];
    // A marker proves which bytes went out: the first request must be the given buffer itself.
    const given = Buffer.from(bodyOf(items).replace('"n":0', '"n":0 '));
    let n = 0;
    const { client, requests } = mockClient(() => (n++ === 0 ? bulkReply([{ status: 201 }, { status: 429 }]) : bulkReply([{ status: 201 }])));
    const store = createStore(client, { failureMaxRetries: 2, failureSleepMsBetweenRetries: 1, sleep: async () => undefined });
    expect(await store.deliver(items, given)).toEqual({ outcome: 'done', items: [{ status: 'indexed' }, { status: 'indexed' }] });
    expect(requests.map((r) => r.body)).toEqual([given.toString('utf8'), bodyOf([item(1)])]);
  });

  it('without it, encodes the body itself (same bytes)', async () => {
    const items = [item(0), item(1)];
    const { client, requests } = mockClient(() => bulkReply([{ status: 201 }, { status: 201 }]));
    const store = createStore(client, { failureMaxRetries: 0, failureSleepMsBetweenRetries: 1 });
    await store.deliver(items);
    expect(requests.map((r) => r.body)).toEqual([bodyOf(items)]);
  });
});

// Helpers the e2e specs share to prepare a chain like the world would: logs seeded through the
// real ingest API, a key backup to upload, and an insider editing or deleting stored logs
// directly in the e2e server's embedded store (its own HTTP API; the console never does this).
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { E2E_DATA_DIR, E2E_ES_URL } from './e2e-env';
import { expect } from './fixtures';

export const chainOf = (customer: string) => `elproxysigned-${customer}-6_months-0`;

/** The chain's iteration-0 key backup, as `signet serve` wrote it (data_backup_dir). */
export const keyBackupOf = (customer: string) => path.join(E2E_DATA_DIR, 'keys_backup', customer, `${chainOf(customer)}_key.json`);

/** Seeds `n` logs (`message` "event i", one second apart) of the customer's chain through `/api/log_batch`. */
export async function seedLogs(request: APIRequestContext, customer: string, n: number): Promise<void> {
  const meta = { agent: { type: 'logstash', version: '8.11.0' }, customer, retention: '6_months', blockchain_tag: '0' };
  const logs = Array.from({ length: n }, (_, i) => ({ '@timestamp': new Date(Date.UTC(2026, 11, 6, 10, 0, i)).toISOString(), message: `event ${i}`, seq: i, EBP_METADATA: meta }));
  expect((await request.post('/api/log_batch', { data: logs })).status()).toBe(200);
}

interface Hit {
  _index: string;
  _id: string;
  _seq_no: number;
  _primary_term: number;
  _source: { ES_BLOCKCHAIN: { fields: { message: string } } };
}

async function storedLog(customer: string, iteration: number): Promise<Hit> {
  const pattern = `*-*-${chainOf(customer)}`;
  await fetch(`${E2E_ES_URL}/${pattern}/_refresh`, { method: 'POST' });
  const found = await fetch(`${E2E_ES_URL}/${pattern}/_search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seq_no_primary_term: true, query: { term: { 'ES_BLOCKCHAIN.iteration': iteration } } }),
  });
  expect(found.status).toBe(200);
  const hit = ((await found.json()) as { hits: { hits: Hit[] } }).hits.hits[0];
  if (hit === undefined) throw new Error(`no stored log at iteration ${iteration} of ${chainOf(customer)}`);
  return hit;
}

/** Edits the signed message of one stored log in place. */
export async function tamperLog(customer: string, iteration: number): Promise<void> {
  const hit = await storedLog(customer, iteration);
  hit._source.ES_BLOCKCHAIN.fields.message = 'edited by an insider';
  const put = await fetch(`${E2E_ES_URL}/${hit._index}/_doc/${encodeURIComponent(hit._id)}?if_seq_no=${hit._seq_no}&if_primary_term=${hit._primary_term}&refresh=true`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(hit._source),
  });
  expect(put.status, await put.text()).toBe(200);
}

/** Deletes one stored log (lost for good). */
export async function deleteLog(customer: string, iteration: number): Promise<void> {
  const hit = await storedLog(customer, iteration);
  const del = await fetch(`${E2E_ES_URL}/${hit._index}/_doc/${encodeURIComponent(hit._id)}?refresh=true`, { method: 'DELETE' });
  expect(del.status).toBe(200);
}

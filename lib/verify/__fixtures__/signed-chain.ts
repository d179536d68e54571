/**
 * Test support: really signed chains (lib/chain signBatch) written to the embedded store the way
 * `signet serve` writes them — data stream `{agent.type}-{agent.version}-{chain}`, `_id`
 * `{chain}-{iteration}` — plus the tampering tools an insider with write access has.
 */
import type { Client } from '@elastic/elasticsearch';
import {
  chainName, compileFieldSelector, keyFromHex, parseJson, signBatch, signedDocumentText, type ChainHead, type ChainIdentity, type JsonObject,
} from '../../chain';
import { ensureTemplates } from '../../store';

export const KEY0 = '1f'.repeat(32);
export const OTHER_KEY0 = '2e'.repeat(32);
export const DAY = 86_400_000;
const SELECTOR = compileFieldSelector(['message', 'host.name', 'big']);

export function chainOf(customer: string, retention = '6_months'): ChainIdentity {
  return { module: 'elproxysigned', customer, retention, tag: '0' };
}

export function streamOf(chain: ChainIdentity): string {
  return `filebeat-8.13.4-${chainName(chain)}`;
}

export async function installTemplates(client: Client): Promise<void> {
  await ensureTemplates(client, {
    module: 'elproxysigned',
    retention: {
      default: '6_months',
      policies: Object.assign(Object.create(null) as object, {
        '6_months': { name: '6_months', days: 180 },
        one_week: { name: 'one_week', days: 7 },
        infinite: { name: 'infinite', days: null },
      }),
    },
  });
}

export interface SeededChain {
  chain: ChainIdentity;
  hashes: string[];
  head: ChainHead;
}

/**
 * Signs `count` logs from `head` (a new chain when absent) with signing time `timestampMs(i)`
 * and writes them; logs with equal times are signed in one batch.
 */
export async function seedChain(
  client: Client,
  chain: ChainIdentity,
  count: number,
  o: { head?: ChainHead; timestampMs?: (iteration: number) => number; key0?: string; bigNumber?: boolean } = {},
): Promise<SeededChain> {
  let head: ChainHead = o.head ?? { key: keyFromHex(o.key0 ?? KEY0), iteration: 0, previousHash: null };
  const ts = o.timestampMs ?? (() => Date.now() - 3_600_000);
  const hashes: string[] = [];
  let ops = '';
  let i = 0;
  while (i < count) {
    const t = ts(head.iteration);
    const raws: string[] = [];
    while (i < count && ts(head.iteration + raws.length) === t) {
      const it = head.iteration + raws.length;
      // 2^53 + 1 checks that verification never rounds through a double (such documents must not
      // be rewritten through the client, whose JSON.parse would round them).
      const big = o.bigNumber ? ',"big":9007199254740993' : '';
      raws.push(`{"@timestamp":"${new Date(t).toISOString()}","message":"log ${it}","host":{"name":"web-${it % 3}"}${big}}`);
      i++;
    }
    const { signed, head: next } = signBatch(head, raws.map((r) => parseJson(r) as JsonObject), { selector: SELECTOR, timestampMs: t });
    signed.forEach((s, k) => {
      hashes.push(s.blockchain.hash);
      ops += `{"create":{"_index":"${streamOf(chain)}","_id":"${chainName(chain)}-${s.blockchain.iteration}"}}\n${signedDocumentText(raws[k] as string, s.blockchain, s.canonicalFields)}\n`;
    });
    head = next;
  }
  const r = await client.transport.request<{ errors: boolean }>({ method: 'POST', path: '/_bulk', querystring: { refresh: 'true' }, bulkBody: ops });
  if (r.errors) throw new Error(`seeding failed: ${JSON.stringify(r).slice(0, 500)}`);
  return { chain, hashes, head };
}

/** The stored document at an iteration: backing index, id and `_source`. */
export async function docAt(client: Client, chain: ChainIdentity, iteration: number): Promise<{ index: string; id: string; source: Record<string, unknown>; seqNo: number; primaryTerm: number }> {
  const r = await client.search<Record<string, unknown>>({ index: `*-*-${chainName(chain)}`, seq_no_primary_term: true, query: { term: { 'ES_BLOCKCHAIN.iteration': iteration } } });
  const hit = r.hits.hits[0];
  if (!hit) throw new Error(`no log ${iteration}`);
  return { index: hit._index, id: hit._id as string, source: hit._source as Record<string, unknown>, seqNo: hit._seq_no as number, primaryTerm: hit._primary_term as number };
}

/** Rewrites a stored log in place (an insider editing Elasticsearch directly). */
export async function editLog(client: Client, chain: ChainIdentity, iteration: number, edit: (bc: Record<string, unknown>, source: Record<string, unknown>) => void): Promise<void> {
  const d = await docAt(client, chain, iteration);
  const bc = d.source.ES_BLOCKCHAIN as Record<string, unknown>;
  edit(bc, d.source);
  // Elasticsearch updates a data stream's document only in its backing index, with if_seq_no.
  await client.index({ index: d.index, id: d.id, document: d.source, if_seq_no: d.seqNo, if_primary_term: d.primaryTerm, refresh: true });
}

export async function deleteLogs(client: Client, chain: ChainIdentity, from: number, to: number): Promise<void> {
  for (let i = from; i <= to; i++) {
    const d = await docAt(client, chain, i);
    await client.delete({ index: d.index, id: d.id, refresh: true });
  }
}

/** Stores a second document at an iteration (after `edit`), as a replayed or forged log would be. */
export async function duplicateLog(client: Client, chain: ChainIdentity, iteration: number, edit: (bc: Record<string, unknown>) => void = () => {}): Promise<void> {
  const d = await docAt(client, chain, iteration);
  edit(d.source.ES_BLOCKCHAIN as Record<string, unknown>);
  await client.create({ index: streamOf(chain), id: `${d.id}-dup`, document: d.source, refresh: true });
}

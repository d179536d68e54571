/**
 * Test support: really signed documents (lib/chain), as the chain writer hands them to the
 * store: the received log text with ES_BLOCKCHAIN spliced in, ids `{chain}-{iteration}`.
 */
import { chainName, compileFieldSelector, genesisHead, parseJson, signBatch, signedDocumentText, type ChainIdentity, type JsonObject } from '../../chain';
import type { BulkItem } from '../../chains';

export const TEST_CHAIN: ChainIdentity = { module: 'elproxysigned', customer: 'acme', retention: '6_months', tag: '0' };
export const TEST_STREAM = 'auditbeat-7.10.1-elproxysigned-acme-6_months-0';

const KEY0 = new TextEncoder().encode('a'.repeat(64));

/**
 * Signs `rawLogs` (JSON object texts) from iteration `from` of `chain`, signing `includeFields`,
 * and returns the bulk items for `index` (with `pipeline`).
 */
export function signedItems(
  rawLogs: readonly string[],
  o: { includeFields?: readonly string[]; index?: string; pipeline?: string | null; chain?: ChainIdentity; from?: number; timestampMs?: number } = {},
): BulkItem[] {
  const chain = o.chain ?? TEST_CHAIN;
  const head = { ...genesisHead(new Uint8Array(KEY0)), iteration: o.from ?? 0, previousHash: (o.from ?? 0) === 0 ? null : 'b'.repeat(64) };
  const { signed } = signBatch(head, rawLogs.map((r) => parseJson(r) as JsonObject), {
    selector: compileFieldSelector([...(o.includeFields ?? ['message'])]),
    timestampMs: o.timestampMs ?? 1_700_000_000_000,
  });
  return signed.map((s, i) => ({
    index: o.index ?? TEST_STREAM,
    id: `${chainName(chain)}-${s.blockchain.iteration}`,
    pipeline: o.pipeline ?? null,
    docText: signedDocumentText(rawLogs[i] as string, s.blockchain, s.canonicalFields),
  }));
}

/**
 * Test support: a really signed blockchain (lib/chain signBatch), indexed into the embedded store
 * through lib/store, read back losslessly and verified with lib/chain verifyEntries.
 */
import type { Client } from '@elastic/elasticsearch';
import {
  acknowledgeBlockchainId, chainIndexPattern, chainName, compileFieldSelector, entryFromDocument, genesisHead, isPlainObject, parseJson,
  signBatch, signedDocumentText, verifyEntries, type ChainIdentity, type JsonObject, type SequenceResult, type VerifyEntry,
} from '../../chain';
import type { BulkItem } from '../../chains';
import { createStore, ensureTemplates } from '../../store';
import type { TestStore } from '../../embedded-es/__fixtures__/test-store';

/** A chain of its own per test (tests share one store). */
export const chainFor = (customer: string): ChainIdentity => ({ module: 'elproxysigned', customer, retention: '6_months', tag: '0' });
/** A data stream of `chain` for one agent (`auditbeat-7.10.1`, `filebeat-8.11.0`…). */
export const streamFor = (chain: ChainIdentity, agent = 'auditbeat-7.10.1'): string => `${agent}-${chainName(chain)}`;
export const CHAIN = chainFor('acme');
export const STREAM = streamFor(CHAIN);
const KEY0_HEX = 'a'.repeat(64);
export const key0 = (): Uint8Array => new TextEncoder().encode(KEY0_HEX);
export const T0 = Date.parse('2024-03-05T10:00:00Z');

/** The raw text of log `i`: numbers a double cannot hold, `@timestamp` one second apart. */
export function rawLog(i: number, stream = STREAM, chain = CHAIN): string {
  const [type, version] = stream.split('-');
  return `{"@timestamp":"${new Date(T0 + i * 1000).toISOString()}","message":"log ${i}","big":9007199254740993,"price":1.50,` +
    `"EBP_METADATA":{"agent":{"type":"${type}","version":"${version}"},"customer":"${chain.customer}","retention":"${chain.retention}","blockchain_tag":"${chain.tag}"}}`;
}

/** Signs `n` logs from iteration 0; `streamOf(i)` picks each log's data stream. */
export function signChain(n: number, streamOf: (i: number) => string = () => STREAM, chain = CHAIN): BulkItem[] {
  const raws = Array.from({ length: n }, (_, i) => rawLog(i, streamOf(i), chain));
  const { signed } = signBatch(genesisHead(key0()), raws.map((r) => parseJson(r) as JsonObject), {
    selector: compileFieldSelector(['message', 'big', 'price']),
    timestampMs: T0,
  });
  return signed.map((s, i) => ({
    index: streamOf(i),
    id: `${chainName(chain)}-${s.blockchain.iteration}`,
    pipeline: null,
    docText: signedDocumentText(raws[i] as string, s.blockchain, s.canonicalFields),
  }));
}

/** Installs Signet's templates (real data streams) and indexes `items`. */
export async function indexItems(client: Client, items: readonly BulkItem[]): Promise<void> {
  await ensureTemplates(client, { module: 'elproxysigned', retention: { default: '6_months', policies: { '6_months': { name: '6_months', days: 180 } } } });
  if (items.length === 0) return;
  const r = await createStore(client, { failureMaxRetries: 0, failureSleepMsBetweenRetries: 0 }).deliver(items);
  if (r.outcome !== 'done' || r.items.some((it) => it.status !== 'indexed')) throw new Error(`indexing failed: ${JSON.stringify(r)}`);
}

/** Every stored document of the chain, parsed losslessly, in iteration order (with the exact `_source` texts). */
export async function storedChain(store: TestStore, chain = CHAIN): Promise<{ docs: JsonObject[]; ids: string[] }> {
  await store.client.indices.refresh({ index: chainIndexPattern(chain) });
  const res = await store.raw('POST', `/${chainIndexPattern(chain)}/_search`, JSON.stringify({ size: 10_000, sort: [{ 'ES_BLOCKCHAIN.iteration': 'asc' }] }));
  const body = parseJson(res.text, { maxDepth: 200 }) as JsonObject;
  const hits = ((body.hits as JsonObject).hits as JsonObject[]);
  return { docs: hits.map((h) => h._source as JsonObject), ids: hits.map((h) => h._id as string) };
}

/** Verifies documents as `signet verify` does (full chain from iteration 0). */
export function verifyDocs(docs: readonly JsonObject[], chain = CHAIN): SequenceResult {
  const entries: VerifyEntry[] = [];
  for (const d of docs) {
    const r = entryFromDocument(d);
    if ('entry' in r) entries.push(r.entry);
  }
  return verifyEntries(entries, { key: key0(), iteration: 0, previousHash: null, acknowledgeBlockchainId: acknowledgeBlockchainId(chain) });
}

export const tagsOf = (doc: JsonObject): unknown => (isPlainObject(doc) ? doc.tags : undefined);

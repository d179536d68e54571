import { deriveKey, wipeKey, type ChainHead } from '../chain';
import { fromBulkPayload } from './bulk-payload';
import { ChainsError } from './chains-error';
import type { ChainOutbox, OutboxState } from './outbox';
import type { BulkItem, DeliveryResult, KeyStorePort, StorePort } from './ports';

export interface RecoverHeadInput {
  readonly chain: string;
  readonly identity: Parameters<StorePort['maxIteration']>[0];
  /** The key file's head (null: no key file). Wiped here once a later head replaces it. */
  readonly keyHead: ChainHead | null;
  /** The outbox as read at the first attempt (records delivered here are marked `done` in it). */
  readonly state: OutboxState;
  readonly outbox: ChainOutbox;
  readonly keys: KeyStorePort;
  readonly store: StorePort;
  /** Blocks the chain for good with this reason (throws). */
  readonly block: (reason: string) => never;
  /** Moves a recovered record's items without a final outcome to the DLQ (throws when it cannot). */
  readonly settle: (items: BulkItem[], result: Exclude<DeliveryResult, { outcome: 'not_indexed' }>, seq: number) => Promise<unknown>;
}

/**
 * Recovery of one chain (README.md "Recovery"): the head from key file + outbox, checked against
 * the highest iteration Elasticsearch holds (never sign an iteration twice), the outbox's pending
 * records delivered again (idempotent creates) and the key file brought up to the head. Returns
 * the head (null: a new chain). Throws ERR_CHAINS_UNAVAILABLE while the store cannot answer.
 */
export async function recoverHead(input: RecoverHeadInput): Promise<ChainHead | null> {
  const { chain, keyHead, state, outbox } = input;
  const head = replayHead(chain, keyHead, state, input.block);
  let esMax: number | null;
  try {
    esMax = await input.store.maxIteration(input.identity);
  } catch (err) {
    throw new ChainsError('ERR_CHAINS_UNAVAILABLE', `chain ${chain}: Elasticsearch is unavailable (${(err as Error).message})`, err);
  }
  if (head === null && esMax !== null) {
    input.block(`chain ${chain}: Elasticsearch holds logs up to iteration ${esMax} but this instance has no key file for the chain; refusing to start it again (another instance owns it, or its key file was lost)`);
  }
  if (head !== null && esMax !== null && esMax >= head.iteration) {
    input.block(`chain ${chain}: Elasticsearch holds iteration ${esMax} but the key file and outbox end at ${head.iteration - 1}; refusing to sign an iteration twice (another instance writes this chain, or its state was lost)`);
  }
  // Deliver what the outbox still holds before anything new is signed.
  for (const rec of state.records) {
    if (rec.done) continue;
    const items = fromBulkPayload(rec.payload);
    const result = await input.store.deliver(items);
    if (result.outcome !== 'done') throw new ChainsError('ERR_CHAINS_UNAVAILABLE', `chain ${chain}: cannot deliver logs recovered from the outbox yet (${result.error.reason})`);
    await input.settle(items, result, rec.seq);
    // The key file is saved below, after every record: until then it does not cover them.
    await outbox.markDone(rec.seq, false);
    rec.done = true;
  }
  if (head !== null && (keyHead === null || head.iteration > keyHead.iteration)) await input.keys.save(input.identity, head);
  if (keyHead !== null && keyHead !== head) wipeKey(keyHead.key);
  return head;
}

/** Head after the outbox records, derived forward from the key file (keys only evolve forward). */
export function replayHead(chain: string, keyHead: ChainHead | null, state: OutboxState, block: (reason: string) => never): ChainHead | null {
  let head = keyHead;
  for (const rec of state.records) {
    if (head === null) return block(`chain ${chain}: the outbox holds iterations ${rec.firstIteration}… but the key file is missing`);
    if (rec.firstIteration + rec.count <= head.iteration) continue;
    if (rec.firstIteration !== head.iteration) return block(`chain ${chain}: the outbox starts at iteration ${rec.firstIteration} but the key file is at ${head.iteration}`);
    const next = { key: deriveKey(head.key, rec.count), iteration: head.iteration + rec.count, previousHash: rec.lastHash };
    if (head !== keyHead) wipeKey(head.key);
    head = next;
  }
  return head;
}

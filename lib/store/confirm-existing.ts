import type { Client } from '@elastic/elasticsearch';
import { BLOCKCHAIN_FIELD } from '../chain';
import type { EsErrorInfo } from './es-error-info';
import { parseDocumentObject } from './parse-document';

/** What the caller knows about a document the store answered 409 for. */
export interface ExistingCheck {
  readonly index: string;
  readonly id: string;
  readonly docText: string;
}

/** The error a 409 turns into when the stored log is not the one being written. */
export const ITERATION_CONFLICT = 'signet_iteration_conflict';

function hashOf(source: unknown): string | null {
  const bc = source !== null && typeof source === 'object' ? (source as Record<string, unknown>)[BLOCKCHAIN_FIELD] : undefined;
  if (bc === null || typeof bc !== 'object') return null;
  const h = (bc as Record<string, unknown>).hash;
  return typeof h === 'string' ? h : null;
}

/**
 * A 409 on `create` means "this `_id` ({chain}-{iteration}) is already stored". That is success
 * only when the stored log is the one being written (a replay after a lost answer or a crash).
 * Any other log there means an iteration was signed twice — a bug or a second instance writing
 * the chain — and must never be acknowledged silently: the caller gets an error per such item
 * (the log then goes to the DLQ, where it is kept and reported). Identity is the signature:
 * `ES_BLOCKCHAIN.hash` covers the iteration, the previous hash and the signed fields.
 *
 * @returns for each check, null when the stored log has the same hash, else the error. When the
 *   store cannot be asked, the 409s are trusted (null): ids are deterministic, and refusing to
 *   settle would turn a read outage into lost iterations.
 */
export async function confirmExisting(client: Client, checks: readonly ExistingCheck[]): Promise<(EsErrorInfo | null)[]> {
  if (checks.length === 0) return [];
  const byIndex = new Map<string, ExistingCheck[]>();
  for (const c of checks) byIndex.set(c.index, [...(byIndex.get(c.index) ?? []), c]);
  const stored = new Map<string, string | null>();
  try {
    for (const [index, group] of byIndex) {
      const res = await client.search({
        index,
        size: group.length,
        query: { ids: { values: group.map((c) => c.id) } },
        _source: [`${BLOCKCHAIN_FIELD}.hash`],
      });
      for (const hit of res.hits.hits) stored.set(`${index}\u0000${hit._id}`, hashOf(hit._source));
    }
  } catch {
    return checks.map(() => null);
  }
  return checks.map((c) => {
    const found = stored.get(`${c.index}\u0000${c.id}`);
    if (found === undefined) return null; // not visible to search (yet): trust the 409
    const own = hashOf(parseDocumentObject(c.docText));
    if (own !== null && found === own) return null;
    return { type: ITERATION_CONFLICT, reason: `[${c.id}] is already stored with another signature (stored hash ${found ?? 'missing'}): this iteration was signed twice` };
  });
}

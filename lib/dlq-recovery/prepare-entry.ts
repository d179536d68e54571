import { BLOCKCHAIN_FIELD, chainName, entryFromDocument, isPlainObject, type ChainIdentity, type JsonObject } from '../chain';
import type { BulkItem } from '../chains';
import { resolveLogTarget } from '../ingest';
import { withRecoveredTag } from './tag-recovered';

/** Where the entries of one DLQ file go: from the file's name, never from the document body. */
export interface FileTarget {
  readonly dataStream: string;
  readonly identity: ChainIdentity;
}

/** A DLQ entry ready to re-index: the bulk item, plus what the existence check compares. */
export interface PreparedEntry {
  readonly line: number;
  readonly iteration: number;
  /** The signed hash (`ES_BLOCKCHAIN.hash`) when it is a string. */
  readonly hash: string | null;
  readonly item: BulkItem;
}

/**
 * Turns one signed DLQ entry into a bulk `create` of the signed log, unchanged except for the
 * `_ebp_dlq_recovered` tag: index = the file's data stream, `_id` = `{chain}-{iteration}` (the
 * signing service's deterministic id, so a log that did reach Elasticsearch answers "already
 * stored"), ingest pipeline = `EBP_METADATA.pipeline` as at signing time (the store's strategies
 * drop it, then strip the log, if it fails again).
 *
 * The document is untrusted (an operator may have edited the file): it must carry an
 * `ES_BLOCKCHAIN.iteration`, and when its `EBP_METADATA` names a chain, that chain must be the
 * file's — a log of another chain would take an `_id` that belongs to someone else.
 * @returns the prepared entry, or the problem that keeps it in the DLQ.
 */
export function prepareEntry(line: number, document: JsonObject, documentText: string, target: FileTarget): PreparedEntry | { line: number; problem: string } {
  const entry = entryFromDocument(document);
  if ('problem' in entry) return { line, problem: entry.problem };
  // resolveLogTarget refuses logs that are already signed; only the metadata matters here.
  const { [BLOCKCHAIN_FIELD]: _signature, ...unsigned } = document;
  const resolved = resolveLogTarget(unsigned, target.identity.module);
  let pipeline: string | null = null;
  // A log stripped to its signed fields has no EBP_METADATA any more: it still belongs to the file's chain.
  if (document.EBP_METADATA !== undefined && 'target' in resolved) {
    const own = chainName(resolved.target.identity);
    if (own !== chainName(target.identity)) return { line, problem: `the log belongs to blockchain ${own}, not to ${chainName(target.identity)} (the file's data stream)` };
    pipeline = resolved.target.pipeline;
  }
  const docText = withRecoveredTag(documentText);
  if (docText === null) return { line, problem: 'document is not a JSON object' };
  const bc = document[BLOCKCHAIN_FIELD];
  const hash = isPlainObject(bc) && typeof bc.hash === 'string' ? bc.hash : null;
  const iteration = entry.entry.iteration;
  return { line, iteration, hash, item: { index: target.dataStream, id: `${chainName(target.identity)}-${iteration}`, pipeline, docText } };
}

import { canonicalFieldsOf, parseJson, signCanonical, signedDocumentText, type ChainHead, type FieldSelector } from '../chain';
import type { ChainLog } from './commit-types';
import type { BulkItem } from './ports';

/**
 * Signs logs in order from `head0` (pure: lib/chain does the work) and returns their bulk items
 * — deterministic `_id` `{chain}-{iteration}`, the received text with ES_BLOCKCHAIN spliced in —
 * and the head after them. The canonical fields ingest computed are used only when they were
 * computed with `selector`, the one in force for this commit; otherwise the log is parsed and its
 * fields selected again (include_fields replaced meanwhile). Throws a TypeError naming the log
 * that cannot be read; the head is then untouched.
 */
export function signCommit(chain: string, head0: ChainHead, logs: readonly ChainLog[], selector: FieldSelector, timestampMs: number): { items: BulkItem[]; head1: ChainHead } {
  const texts = logs.map((l, i) => {
    if (l.canonical !== undefined && l.canonical.selector === selector) return l.canonical.text;
    try {
      return canonicalFieldsOf(parseJson(l.raw), selector);
    } catch (err) {
      throw new TypeError(`log ${i}: ${(err as Error).message}`, { cause: err });
    }
  });
  const { links, head: head1 } = signCanonical(head0, texts, { timestampMs });
  const items = links.map((link, i): BulkItem => {
    const l = logs[i] as ChainLog;
    return { index: l.dataStream, id: `${chain}-${link.iteration}`, pipeline: l.pipeline, docText: signedDocumentText(l.raw, link, texts[i] as string) };
  });
  return { items, head1 };
}

import { stringifyJson } from '../chain';
import { parseDocumentObject } from './parse-document';

/** El Proxy's tag for a log indexed without its ingest pipeline (reference §2.4, §7.1). */
export const REMOVE_PIPELINE_TAG = '_ebp_remove_pipeline';

/**
 * The document with `_ebp_remove_pipeline` added to its `tags` (ECS: keyword, one value or an
 * array): appended to an array (once), a single value becomes `[value, tag]`, an absent or null
 * `tags` becomes `[tag]`. Parsed and written with lib/chain's lossless JSON, so every other byte
 * of meaning — member order, number spellings such as `1.50` or `9007199254740993` — is kept.
 * Signed content is unaffected: the signature covers `ES_BLOCKCHAIN.fields`, not the top level.
 *
 * @returns the new document text, or null when `docText` is not a JSON object.
 * @example withRemovePipelineTag('{"a":1.50}') // '{"a":1.50,"tags":["_ebp_remove_pipeline"]}'
 */
export function withRemovePipelineTag(docText: string): string | null {
  const doc = parseDocumentObject(docText);
  if (doc === null) return null;
  const tags = Object.prototype.hasOwnProperty.call(doc, 'tags') ? doc.tags : null;
  if (Array.isArray(tags)) {
    if (!tags.includes(REMOVE_PIPELINE_TAG)) tags.push(REMOVE_PIPELINE_TAG);
  } else if (tags === null || tags === undefined) {
    doc.tags = [REMOVE_PIPELINE_TAG];
  } else {
    doc.tags = [tags, REMOVE_PIPELINE_TAG];
  }
  return stringifyJson(doc);
}

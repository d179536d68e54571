import { isPlainObject, parseJson } from '../chain';
import { findMemberSpan } from '../dlq';

/** El Proxy's tag for a log re-indexed by `dlq recover` (reference §2.4). */
export const DLQ_RECOVERED_TAG = '_ebp_dlq_recovered';

const TAG_TEXT = JSON.stringify(DLQ_RECOVERED_TAG);

/**
 * The document text with `_ebp_dlq_recovered` added to its top-level `tags` (ECS keyword: one
 * value or an array). The change is spliced into the text instead of re-serializing the
 * document, so every other byte — member order, number spellings such as `1.50` or
 * `9007199254740993` — stays exactly as signed. The signature covers `ES_BLOCKCHAIN.fields`, not
 * the top level, so tagging never breaks verification.
 * - absent → `"tags":["_ebp_dlq_recovered"]` appended as the last member;
 * - array → the tag appended (once; an array that has it is left alone);
 * - null → `["_ebp_dlq_recovered"]`; another value `v` → `[v,"_ebp_dlq_recovered"]`.
 * @returns the new text, or null when `docText` is not a JSON object.
 * @example withRecoveredTag('{"a":1.50}') // '{"a":1.50,"tags":["_ebp_dlq_recovered"]}'
 */
export function withRecoveredTag(docText: string): string | null {
  const text = docText.trim();
  let doc;
  try {
    doc = parseJson(text);
  } catch {
    return null;
  }
  if (!isPlainObject(doc)) return null;
  const span = findMemberSpan(text, 'tags');
  if (span === null) {
    const close = text.lastIndexOf('}');
    const empty = Object.keys(doc).length === 0;
    return `${text.slice(0, close)}${empty ? '' : ','}"tags":[${TAG_TEXT}]${text.slice(close)}`;
  }
  const [start, end] = span;
  const tags = doc.tags;
  let value: string;
  if (Array.isArray(tags)) {
    if (tags.includes(DLQ_RECOVERED_TAG)) return text;
    const inner = text.slice(start, end);
    value = tags.length === 0 ? `[${TAG_TEXT}]` : `${inner.slice(0, inner.lastIndexOf(']'))},${TAG_TEXT}]`;
  } else if (tags === null) {
    value = `[${TAG_TEXT}]`;
  } else {
    value = `[${text.slice(start, end)},${TAG_TEXT}]`;
  }
  return text.slice(0, start) + value + text.slice(end);
}

import { isPlainObject, parseJson, type JsonObject } from '../chain';

/**
 * A stored document's text as a lossless JSON object (number spellings and key order kept), or
 * null when it is not one — the per-item strategies then leave the document as it was.
 */
export function parseDocumentObject(docText: string): JsonObject | null {
  try {
    const doc = parseJson(docText);
    return isPlainObject(doc) ? doc : null;
  } catch {
    return null;
  }
}

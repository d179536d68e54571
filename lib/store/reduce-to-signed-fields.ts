import { BLOCKCHAIN_FIELD, isPlainObject, stringifyJson, type JsonObject, type JsonValue } from '../chain';
import { parseDocumentObject } from './parse-document';

const TIMESTAMP = '@timestamp';

/**
 * El Proxy's last transformation before the DLQ (reference §1.2 case 4, §7.1 strategy two): the
 * document reduced to what is signed, so that an unsigned field that Elasticsearch refuses
 * (mapping conflict) or that breaks the ingest pipeline cannot keep the log out of its chain.
 *
 * Shape: the top-level members of `ES_BLOCKCHAIN.fields` (the signed subset, in signed order),
 * then the original `@timestamp` when the signed subset does not hold one (data streams require
 * it), then `ES_BLOCKCHAIN` unchanged. Nothing else: no `EBP_METADATA`, no added tags (signed
 * `tags` stay, being signed content). Lossless JSON throughout (numbers keep their spelling).
 *
 * @returns the reduced document text, or null when `docText` is not a JSON object with an
 *   `ES_BLOCKCHAIN.fields` object (nothing to reduce to).
 * @example reduceToSignedFields('{"@timestamp":"t","x":1,"ES_BLOCKCHAIN":{"fields":{"m":"a"}}}')
 *   // '{"m":"a","@timestamp":"t","ES_BLOCKCHAIN":{"fields":{"m":"a"}}}'
 */
export function reduceToSignedFields(docText: string): string | null {
  const doc = parseDocumentObject(docText);
  if (doc === null) return null;
  const blockchain = doc[BLOCKCHAIN_FIELD];
  if (!isPlainObject(blockchain)) return null;
  const fields = blockchain.fields;
  if (!isPlainObject(fields)) return null;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(fields)) {
    // `__proto__` is an own member in lib/chain's model; keep it one.
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  const own = (o: JsonObject, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  if (!own(out, TIMESTAMP) && own(doc, TIMESTAMP)) out[TIMESTAMP] = doc[TIMESTAMP] as JsonValue;
  // ES_BLOCKCHAIN cannot be a signed field (lib/chain refuses to select it), so this never
  // overwrites signed content.
  out[BLOCKCHAIN_FIELD] = blockchain;
  return stringifyJson(out);
}

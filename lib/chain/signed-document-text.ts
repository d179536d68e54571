import { quote } from './canonicalize';
import type { ChainLink } from './sign-batch';

/**
 * The stored document's text: the log exactly as received with `"ES_BLOCKCHAIN":{…}` appended as
 * its last member (SPEC §3: the received document plus ES_BLOCKCHAIN — no member reordered, no
 * number re-spelled; line breaks between tokens become spaces). `rawLog` is the log's own JSON text (an object, as given by
 * `parseJsonArrayElements`); `canonicalFields` is `JCS(blockchain.fields)`, valid JSON for `fields`.
 *
 * @throws {TypeError} when `rawLog` is not the text of a JSON object.
 * @example signedDocumentText('{"a":1}', bc, '{"a":1}') // '{"a":1,"ES_BLOCKCHAIN":{"fields":{"a":1},…}}'
 */
export function signedDocumentText(rawLog: string, blockchain: ChainLink, canonicalFields: string): string {
  if (typeof rawLog !== 'string') throw new TypeError('rawLog must be a string');
  const text = rawLog.trim();
  if (text.charCodeAt(0) !== 0x7b || text.charCodeAt(text.length - 1) !== 0x7d) throw new TypeError('rawLog must be the text of a JSON object');
  // NDJSON (bulk bodies, the outbox, the DLQ) needs one line per document. In valid JSON a raw
  // CR or LF can only be whitespace between tokens (inside strings they are escaped), so turning
  // them into spaces changes no member, no value and no number spelling.
  // indexOf is a memchr; a regular-expression test scanned every 1 KB log at about 20× the cost.
  const multiLine = text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
  const body = (multiLine ? text.replace(/[\r\n]/g, ' ') : text).slice(1, -1);
  const sep = body.trim() === '' ? '' : ',';
  return `{${body}${sep}"ES_BLOCKCHAIN":${blockchainText(blockchain, canonicalFields)}}`;
}

/** `ES_BLOCKCHAIN`'s JSON text, in El Proxy's member order. */
export function blockchainText(b: ChainLink, canonicalFields: string): string {
  const prev = b.previous_hash === null ? 'null' : quote(b.previous_hash);
  return `{"fields":${canonicalFields},"hash":${quote(b.hash)},"previous_hash":${prev},"iteration":${b.iteration},"timestamp_ms":${b.timestamp_ms},"version":${b.version}}`;
}

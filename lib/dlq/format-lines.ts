import { isPlainObject, parseJson } from '../chain';
import { DlqError } from './dlq-error';

/** The ES error stored with a DLQ entry (`el_error`), or null when there was none. */
export interface DlqElError {
  readonly type: string;
  readonly reason: string;
}

export interface DlqAppendEntry {
  /** The signed log's JSON text (an object), stored verbatim: it may hold numbers no JS double can. */
  readonly documentText: string;
  readonly error: DlqElError | null;
}

export interface RejectedAppendEntry {
  /** The log exactly as received. */
  readonly rawText: string;
  /** Why it could not be signed (shown to operators). */
  readonly reason: string;
  readonly receivedAt: Date;
  /** The sender's address, when known. */
  readonly remote?: string;
}

/**
 * One DLQ line, El Proxy's format (reference §7.2), as bytes of text:
 * `{"document":<documentText>,"el_error":{"type":…,"reason":…}}` or `…"el_error":null}`, plus `\n`.
 * @throws {DlqError} `ERR_DLQ_INVALID_ENTRY` when `documentText` is not a JSON object or the error is malformed.
 */
export function formatDlqLine(entry: DlqAppendEntry, index: number): string {
  if (typeof entry !== 'object' || entry === null) throw invalid(index, 'must be an object');
  const doc = jsonObjectText(entry.documentText, index);
  const err = entry.error;
  let errText: string;
  if (err === null) {
    errText = 'null';
  } else if (typeof err === 'object' && typeof err.type === 'string' && typeof err.reason === 'string') {
    errText = `{"type":${quote(err.type)},"reason":${quote(err.reason)}}`;
  } else {
    throw invalid(index, 'error must be null or { type: string, reason: string }');
  }
  return `{"document":${doc},"el_error":${errText}}\n`;
}

/**
 * One rejected-area line: `{"log":…,"log_format":"json"|"text","reason":…,"received_at":ISO,"remote":…|null}` + `\n`.
 * `log` is the received text itself when it is valid JSON (so numbers survive verbatim), else a
 * JSON string holding it; `log_format` says which, so the two stay distinguishable.
 * @throws {DlqError} `ERR_DLQ_INVALID_ENTRY` for a malformed entry.
 */
export function formatRejectedLine(entry: RejectedAppendEntry, index: number): string {
  if (typeof entry !== 'object' || entry === null) throw invalid(index, 'must be an object');
  if (typeof entry.rawText !== 'string') throw invalid(index, 'rawText must be a string');
  if (typeof entry.reason !== 'string') throw invalid(index, 'reason must be a string');
  if (!(entry.receivedAt instanceof Date) || Number.isNaN(entry.receivedAt.getTime())) throw invalid(index, 'receivedAt must be a valid Date');
  if (entry.remote !== undefined && typeof entry.remote !== 'string') throw invalid(index, 'remote must be a string when given');
  const json = validJsonText(entry.rawText);
  const log = json ?? quote(entry.rawText);
  const remote = entry.remote === undefined ? 'null' : quote(entry.remote);
  return `{"log":${log},"log_format":"${json === null ? 'text' : 'json'}","reason":${quote(entry.reason)},"received_at":${quote(entry.receivedAt.toISOString())},"remote":${remote}}\n`;
}

/** A JSON string literal; lone surrogates become U+FFFD first, because lib/chain's strict parser refuses `\udXXX` escapes of lone surrogates. */
function quote(s: string): string {
  return JSON.stringify(s.toWellFormed());
}

function jsonObjectText(text: unknown, index: number): string {
  if (typeof text !== 'string') throw invalid(index, 'documentText must be a string');
  let value: unknown;
  try {
    value = parseJson(text);
  } catch {
    throw invalid(index, 'documentText is not valid JSON');
  }
  if (!isPlainObject(value)) throw invalid(index, 'documentText must be a JSON object');
  return oneLine(text.trim());
}

/** `text` made single-line when it is valid JSON (lib/chain's strict parser), else null. */
function validJsonText(text: string): string | null {
  try {
    parseJson(text);
  } catch {
    return null;
  }
  return oneLine(text.trim());
}

/**
 * NDJSON framing: a valid JSON text can hold CR/LF only as insignificant whitespace (inside
 * strings they must be escaped), so replacing them with spaces keeps every value — member
 * order, number spelling — byte-identical while keeping the entry on one line. Texts without
 * line breaks (every log Signet signs from a compact body) are written unchanged.
 */
function oneLine(text: string): string {
  return /[\r\n]/.test(text) ? text.replace(/[\r\n]/g, ' ') : text;
}

function invalid(index: number, problem: string): DlqError {
  return new DlqError('ERR_DLQ_INVALID_ENTRY', `dead letter queue entry ${index}: ${problem}`);
}

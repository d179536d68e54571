import { isPlainObject } from '../chain';
import type { DlqEntryView, DlqReadResult, RejectedEntryView } from '../dlq';
import { DLQ_ENTRY_TEXT_MAX, type DlqEntryDto } from '../shared';

// DLQ lines as the console's entries table shows them: the error, the signed log's iteration and
// @timestamp, and its exact text (never re-serialized: big numbers stay as written), cut for the browser.

function cut(text: string | undefined): { text: string | null; truncated: boolean } {
  if (text === undefined) return { text: null, truncated: false };
  return text.length > DLQ_ENTRY_TEXT_MAX ? { text: text.slice(0, DLQ_ENTRY_TEXT_MAX), truncated: true } : { text, truncated: false };
}

const EMPTY = { problem: null, error: null, reason: null, receivedAt: null, iteration: null, timestamp: null };

function signedEntry(v: DlqEntryView): DlqEntryDto {
  if (v.bad !== undefined) return { ...EMPTY, line: v.line, problem: v.bad, ...cut(v.rawText) };
  const bc = v.document?.ES_BLOCKCHAIN;
  const iteration = isPlainObject(bc) && typeof bc.iteration === 'number' ? bc.iteration : null;
  const ts = v.document?.['@timestamp'];
  return { ...EMPTY, line: v.line, error: v.elError === null ? null : { type: v.elError.type, reason: v.elError.reason }, iteration, timestamp: typeof ts === 'string' ? ts : null, ...cut(v.documentText) };
}

function rejectedEntry(v: RejectedEntryView): DlqEntryDto {
  if (v.bad !== undefined) return { ...EMPTY, line: v.line, problem: v.bad, ...cut(v.rawText) };
  const log = v.log;
  const ts = isPlainObject(log) ? log['@timestamp'] : undefined;
  return { ...EMPTY, line: v.line, reason: v.reason ?? null, receivedAt: v.receivedAt ?? null, timestamp: typeof ts === 'string' ? ts : null, ...cut(v.logText) };
}

/** The page's entries as DTOs. */
export function toEntryDtos(page: DlqReadResult): DlqEntryDto[] {
  return page.format === 'dlq' ? page.entries.map(signedEntry) : page.entries.map(rejectedEntry);
}

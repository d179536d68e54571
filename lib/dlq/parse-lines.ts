import { z } from 'zod';
import { isPlainObject, parseJson, type JsonObject, type JsonValue } from '../chain';
import { findMemberSpan } from './member-span';

/**
 * Lines read back from disk are untrusted (another process, an operator's editor, a crash):
 * each is parsed with lib/chain's strict lossless parser and then checked with zod. A line that
 * fails is reported with the reason, never dropped.
 */
const elErrorSchema = z.looseObject({
  type: z.string(),
  // Elasticsearch sends `reason: null` for some errors; El Proxy files may omit it.
  reason: z.string().nullable().optional(),
});

const signedLineSchema = z.looseObject({
  document: z.custom<JsonObject>((v) => isPlainObject(v), 'document must be a JSON object'),
  // El Proxy writes `el_error` only "if present".
  el_error: elErrorSchema.nullable().optional(),
});

const rejectedLineSchema = z.looseObject({
  log: z.custom<JsonValue>((v) => v !== undefined, 'log is missing'),
  log_format: z.enum(['json', 'text']).optional(),
  reason: z.string(),
  received_at: z.string(),
  remote: z.string().nullable().optional(),
});

export interface SignedLine {
  readonly document: JsonObject;
  /** The document's exact text within the line (numbers as written). */
  readonly documentText: string;
  readonly elError: { type: string; reason: string } | null;
}

export interface RejectedLine {
  readonly log: JsonValue;
  readonly logText: string;
  readonly logFormat: 'json' | 'text';
  readonly reason: string;
  readonly receivedAt: string;
  readonly remote: string | null;
}

export type LineResult<T> = { ok: true; value: T } | { ok: false; problem: string };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Parses one line of a signed (or archived signed) DLQ file. */
export function parseSignedLine(bytes: Uint8Array): LineResult<SignedLine> {
  const parsed = parseLineJson(bytes);
  if (!parsed.ok) return parsed;
  const r = signedLineSchema.safeParse(parsed.value.value);
  if (!r.success) return { ok: false, problem: zodProblem(r.error) };
  const span = findMemberSpan(parsed.value.text, 'document');
  if (span === null) return { ok: false, problem: 'document member not found' };
  const e = r.data.el_error;
  return {
    ok: true,
    value: {
      document: r.data.document,
      documentText: parsed.value.text.slice(span[0], span[1]),
      elError: e === null || e === undefined ? null : { type: e.type, reason: e.reason ?? '' },
    },
  };
}

/** Parses one line of the rejected area. */
export function parseRejectedLine(bytes: Uint8Array): LineResult<RejectedLine> {
  const parsed = parseLineJson(bytes);
  if (!parsed.ok) return parsed;
  const r = rejectedLineSchema.safeParse(parsed.value.value);
  if (!r.success) return { ok: false, problem: zodProblem(r.error) };
  const span = findMemberSpan(parsed.value.text, 'log');
  if (span === null) return { ok: false, problem: 'log member not found' };
  return {
    ok: true,
    value: {
      log: r.data.log,
      logText: parsed.value.text.slice(span[0], span[1]),
      logFormat: r.data.log_format ?? (typeof r.data.log === 'string' ? 'text' : 'json'),
      reason: r.data.reason,
      receivedAt: r.data.received_at,
      remote: r.data.remote ?? null,
    },
  };
}

function parseLineJson(bytes: Uint8Array): LineResult<{ text: string; value: JsonValue }> {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { ok: false, problem: 'not valid UTF-8' };
  }
  try {
    return { ok: true, value: { text, value: parseJson(text) } };
  } catch (err) {
    return { ok: false, problem: err instanceof Error ? err.message : 'not valid JSON' };
  }
}

function zodProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'unexpected line shape';
  const where = issue.path.length === 0 ? 'line' : issue.path.map(String).join('.');
  return `${where}: ${issue.message}`;
}

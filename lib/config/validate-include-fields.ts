import { describeValue } from './describe-value';

/** A problem with an `include_fields` list; `key` is `include_fields` or `include_fields[i]`. */
export interface FieldProblem {
  readonly key: string;
  readonly message: string;
}

/** The field Signet adds to each signed log; it cannot be part of its own signature. */
const SIGNATURE_FIELD = 'ES_BLOCKCHAIN';
const MAX_FIELDS = 1_000;

/**
 * Validates an `include_fields` list: a non-empty array of unique dot paths (`host.name`
 * addresses `name` inside `host`, El Proxy reference §4.3). Pure, so the console's field editor
 * reuses it before saving. Returns every problem; an empty array means valid.
 *
 * @example validateIncludeFields(['host.name', 'host..ip']) // → [{ key: 'include_fields[1]', ... }]
 */
export function validateIncludeFields(list: unknown): FieldProblem[] {
  if (list === undefined) return [{ key: 'include_fields', message: 'is required (a list of field paths to sign)' }];
  if (!Array.isArray(list)) return [{ key: 'include_fields', message: `expected an array of field paths, got ${describeValue(list)}` }];
  if (list.length === 0) return [{ key: 'include_fields', message: 'must list at least one field (nothing would be signed)' }];
  if (list.length > MAX_FIELDS) return [{ key: 'include_fields', message: `must list at most ${MAX_FIELDS} fields` }];
  const problems: FieldProblem[] = [];
  const firstIndex = new Map<string, number>();
  list.forEach((entry: unknown, i) => {
    const key = `include_fields[${i}]`;
    if (typeof entry !== 'string') {
      problems.push({ key, message: `expected a field path string, got ${describeValue(entry)}` });
      return;
    }
    const message = checkFieldPath(entry);
    if (message !== null) {
      problems.push({ key, message });
      return;
    }
    const seen = firstIndex.get(entry);
    if (seen !== undefined) problems.push({ key, message: `duplicates include_fields[${seen}] (${JSON.stringify(entry)})` });
    else firstIndex.set(entry, i);
  });
  return problems;
}

/** Checks one dot path; returns why it is invalid, or null. */
export function checkFieldPath(field: string): string | null {
  const shown = JSON.stringify(field);
  if (field.trim() === '') return 'must not be empty';
  if (field.trim() !== field) return `has leading or trailing whitespace: ${shown}`;
  if (field.startsWith('.')) return `must not start with a dot: ${shown}`;
  if (field.endsWith('.')) return `must not end with a dot: ${shown}`;
  const segments = field.split('.');
  if (segments.some((s) => s === '')) return `has an empty segment (".."): ${shown}`;
  if (segments.some((s) => s.trim() === '')) return `has a segment that is only whitespace: ${shown}`;
  if (segments[0] === SIGNATURE_FIELD) return `${SIGNATURE_FIELD} holds the signature itself and cannot be signed`;
  return null;
}

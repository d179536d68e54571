// The `include_fields` entry rule (El Proxy reference §4.3), shared by the config loader
// (lib/config validateIncludeFields) and the console's field editor, so that the page refuses
// exactly what `signet serve` would refuse at start-up. Pure.

/** The field Signet adds to each signed log; it cannot be part of its own signature. */
const SIGNATURE_FIELD = 'ES_BLOCKCHAIN';

/** Most entries an `include_fields` list may have. */
export const MAX_INCLUDE_FIELDS = 1_000;

/** Longest entry the console's editor accepts (a dot path, not a document). */
export const MAX_FIELD_PATH_LENGTH = 512;

/**
 * Checks one dot path (`host.name` addresses `name` inside `host`); returns why it is invalid,
 * or null.
 * @example checkFieldPath('host..ip') // → 'has an empty segment (".."): "host..ip"'
 */
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

/** A problem with one entry (`index`) or with the whole list (`index` null). */
export interface IncludeFieldsProblem {
  readonly index: number | null;
  readonly message: string;
}

/**
 * Every problem of a list of field path strings: empty or too long a list, invalid entries,
 * duplicates (reported on the later entry). An empty array means valid.
 */
export function includeFieldsProblems(list: readonly string[]): IncludeFieldsProblem[] {
  if (list.length === 0) return [{ index: null, message: 'must list at least one field (nothing would be signed)' }];
  if (list.length > MAX_INCLUDE_FIELDS) return [{ index: null, message: `must list at most ${MAX_INCLUDE_FIELDS} fields` }];
  const problems: IncludeFieldsProblem[] = [];
  const firstIndex = new Map<string, number>();
  list.forEach((entry, i) => {
    const message = checkFieldPath(entry);
    if (message !== null) {
      problems.push({ index: i, message });
      return;
    }
    const seen = firstIndex.get(entry);
    if (seen !== undefined) problems.push({ index: i, message: `duplicates entry ${seen + 1} (${JSON.stringify(entry)})` });
    else firstIndex.set(entry, i);
  });
  return problems;
}

import { checkFieldPath, MAX_INCLUDE_FIELDS } from '../shared';
import { describeValue } from './describe-value';

// The per-entry rule (checkFieldPath) lives in lib/shared so that the console's field editor
// refuses exactly what the loader refuses; this file adds the TOML type checks around it.
export { checkFieldPath };

/** A problem with an `include_fields` list; `key` is `include_fields` or `include_fields[i]`. */
export interface FieldProblem {
  readonly key: string;
  readonly message: string;
}

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
  if (list.length > MAX_INCLUDE_FIELDS) return [{ key: 'include_fields', message: `must list at most ${MAX_INCLUDE_FIELDS} fields` }];
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

import type { z } from 'zod';
import type { ConfigProblem } from './config-error';
import { formatKey } from './format-key';
import type { KeyPath, Provenance } from './merge-layers';
import { keyAt } from './schema-keys';
import type { KeyNode } from './schema-keys';
import { suggestKey } from './suggest-key';

/**
 * Turns zod issues into problems charged to their sources. Unknown keys become one problem per
 * key (with a "did you mean" hint from the schema's key tree); cross-field issues raised with
 * `withRules` are charged to their `blame` key's source.
 */
export function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  provenance: Provenance,
  keys: KeyNode,
  fallbackSource: string,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const node = keyAt(keys, path.map(String));
      const siblings = node?.kind === 'table' ? [...node.children.keys()] : [];
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        const hint = suggestKey(key, siblings);
        problems.push({
          source: provenance.sourceOf(keyPath, fallbackSource),
          key: formatKey(keyPath),
          message: hint === undefined ? 'unknown key' : `unknown key (did you mean "${hint}"?)`,
        });
      }
      continue;
    }
    const problem = { source: provenance.sourceOf(blamePath(issue, path), fallbackSource), key: formatKey(path), message: issue.message };
    // zod runs every check of a value, so `-1.5` fails both `int` and `min` with the same
    // wording; say it once.
    if (!problems.some((p) => p.source === problem.source && p.key === problem.key && p.message === problem.message)) problems.push(problem);
  }
  return problems;
}

/** For a `withRules` issue, the absolute path of the key to blame; otherwise the issue's own path. */
function blamePath(issue: z.core.$ZodIssue, path: KeyPath): KeyPath {
  if (issue.code !== 'custom') return path;
  const params = issue.params as { blame?: unknown; depth?: unknown } | undefined;
  if (!Array.isArray(params?.blame) || typeof params.depth !== 'number') return path;
  // `blame` is relative to the object the rule ran on; the issue path is absolute.
  return [...path.slice(0, path.length - params.depth), ...(params.blame as string[])];
}

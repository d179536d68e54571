// The line diff the Configuration page shows between the file's `include_fields` and the edited
// list (longest common subsequence; a moved entry shows as removed and added). Pure.

export interface ListDiffLine {
  readonly op: 'same' | 'added' | 'removed';
  readonly value: string;
}

/**
 * Diff of two short lists (at most a few thousand entries: O(n·m) memory).
 * @example diffLists(['a', 'b'], ['b', 'c']) // → [removed a, same b, added c]
 */
export function diffLists(before: readonly string[], after: readonly string[]): ListDiffLine[] {
  const n = before.length;
  const m = after.length;
  // lcs[i][j] = length of the LCS of before[i..] and after[j..].
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] = before[i] === after[j] ? (lcs[i + 1] as number[])[j + 1]! + 1 : Math.max((lcs[i + 1] as number[])[j]!, row[j + 1]!);
    }
  }
  const out: ListDiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      out.push({ op: 'same', value: before[i] as string });
      i++;
      j++;
    } else if ((lcs[i + 1] as number[])[j]! >= (lcs[i] as number[])[j + 1]!) {
      out.push({ op: 'removed', value: before[i++] as string });
    } else {
      out.push({ op: 'added', value: after[j++] as string });
    }
  }
  while (i < n) out.push({ op: 'removed', value: before[i++] as string });
  while (j < m) out.push({ op: 'added', value: after[j++] as string });
  return out;
}

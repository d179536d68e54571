/**
 * Elasticsearch "simple match" wildcards: `*` matches any run of characters (dots included).
 * Used for `_source` filtering, `filter_path`, index patterns and template patterns.
 */

/** True when `text` matches `pattern` entirely. */
export function globMatch(pattern: string, text: string): boolean {
  if (!pattern.includes('*')) return pattern === text;
  const parts = pattern.split('*');
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  if (!text.startsWith(first) || text.length < first.length + last.length || !text.endsWith(last)) return false;
  let pos = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    if (part === '') continue;
    const at = text.indexOf(part, pos);
    if (at === -1 || at + part.length > end) return false;
    pos = at + part.length;
  }
  return true;
}

/** True when some string starting with `prefix` could match `pattern`. */
export function globCanExtend(pattern: string, prefix: string): boolean {
  // Simulate the pattern as an NFA over `prefix`; any live state at the end means "can extend".
  let states = new Set<number>([0]);
  const closure = (set: Set<number>): Set<number> => {
    for (const s of [...set]) {
      let i = s;
      while (pattern.charAt(i) === '*') set.add(++i);
    }
    return set;
  };
  states = closure(states);
  for (const ch of prefix) {
    const next = new Set<number>();
    for (const s of states) {
      const pc = pattern.charAt(s);
      if (pc === '*') next.add(s);
      else if (pc === ch) next.add(s + 1);
    }
    if (next.size === 0) return false;
    states = closure(next);
  }
  return states.size > 0;
}

/** True when any pattern matches. */
export function anyGlobMatch(patterns: readonly string[], text: string): boolean {
  for (const p of patterns) if (globMatch(p, text)) return true;
  return false;
}

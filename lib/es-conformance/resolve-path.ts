// Dot paths into a response (`hits.hits.0._id`). `\.` is a literal dot inside a key (needed for
// flat settings such as `index\.number_of_shards`); a missing level yields undefined, as the
// format requires ("if one of the levels does not exist, it should return an undefined value").

/** Marker segment: evaluates to some key of the map at that level (feature `arbitrary_key`). */
export const ARBITRARY_KEY = '_arbitrary_key_';

/** Splits `path` on unescaped dots. The empty path has no segments (the whole body). */
export function splitPath(path: string): string[] {
  if (path === '') return [];
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i += 1) {
    const ch = path.charAt(i);
    if (ch === '\\' && path.charAt(i + 1) === '.') {
      current += '.';
      i += 1;
    } else if (ch === '.') {
      segments.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  segments.push(current);
  return segments;
}

/**
 * Follows `segments` from `root`. Lists take numeric segments; maps take keys.
 * @returns the value, or undefined when any level is missing.
 */
export function evaluateSegments(root: unknown, segments: readonly string[]): unknown {
  let current: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (typeof current === 'object' && current !== null) {
      const map = current as Record<string, unknown>;
      if (segment === ARBITRARY_KEY) {
        current = Object.keys(map)[0];
      } else {
        current = Object.prototype.hasOwnProperty.call(map, segment) ? map[segment] : undefined;
      }
    } else {
      return undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}

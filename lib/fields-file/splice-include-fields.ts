// Rewrites the `include_fields` array inside the TOML text and nothing else, so that the
// comments an administrator wrote (the shipped file explains why each field is there) survive a
// console save. Pure: text in, text out; the caller parses the result back before writing it.

/** The array as the shipped file writes it: one quoted dot path per line, trailing comma. */
export function formatIncludeFields(list: readonly string[]): string {
  // JSON string escapes (\" \\ \n \t \uXXXX) are valid TOML basic-string escapes.
  return `[\n${list.map((f) => `  ${JSON.stringify(f)},\n`).join('')}]`;
}

const KEY = /^(?:include_fields|"include_fields"|'include_fields')[ \t]*=[ \t]*/;

/**
 * Replaces the value of the top-level `include_fields` key in `text` with `list` (formatted by
 * {@link formatIncludeFields}); when the key is absent, appends `include_fields = [...]`.
 * Returns null when the key's value cannot be located safely (not an array, unterminated).
 * @example spliceIncludeFields('# why\ninclude_fields = ["a"] # end\n', ['b']) // → '# why\ninclude_fields = [\n  "b",\n] # end\n'
 */
export function spliceIncludeFields(text: string, list: readonly string[]): string | null {
  const value = formatIncludeFields(list);
  let i = 0;
  let atLineStart = true;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\n') {
      atLineStart = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      i = skipComment(text, i);
      continue;
    }
    // A table header ends the top level: the key would belong to that table.
    if (atLineStart && c === '[') break;
    if (atLineStart) {
      const m = KEY.exec(text.slice(i));
      if (m !== null) {
        const start = i + m[0].length;
        if (text[start] !== '[') return null;
        const end = arrayEnd(text, start);
        return end === null ? null : text.slice(0, start) + value + text.slice(end);
      }
    }
    // Some other key = value: skip to the end of its value (strings and arrays may span lines).
    atLineStart = false;
    const next = skipValueChar(text, i);
    if (next === null) return null;
    i = next;
  }
  const sep = text === '' || text.endsWith('\n') ? '' : '\n';
  // Appending after a table header would put the key inside that table: refuse instead.
  if (i < text.length) return null;
  return `${text}${sep}include_fields = ${value}\n`;
}

function skipComment(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl === -1 ? text.length : nl;
}

/** Index after the string starting at `i` (basic, literal, or their multi-line forms), or null. */
function skipString(text: string, i: number): number | null {
  const q = text[i] as string;
  const triple = text.startsWith(q.repeat(3), i);
  if (triple) {
    let j = i + 3;
    for (;;) {
      const k = text.indexOf(q.repeat(3), j);
      if (k === -1) return null;
      if (q === '"' && isEscaped(text, k)) {
        j = k + 1;
        continue;
      }
      // Up to two extra quotes may close the string ("""a"""" is a + ").
      let end = k + 3;
      while (text[end] === q && end < k + 5) end++;
      return end;
    }
  }
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\n') return null;
    if (q === '"' && c === '\\') {
      j++;
      continue;
    }
    if (c === q) return j + 1;
  }
  return null;
}

function isEscaped(text: string, k: number): boolean {
  let n = 0;
  for (let j = k - 1; j >= 0 && text[j] === '\\'; j--) n++;
  return n % 2 === 1;
}

function skipValueChar(text: string, i: number): number | null {
  const c = text[i];
  if (c === '"' || c === "'") return skipString(text, i);
  if (c === '[' || c === '{') return arrayEnd(text, i);
  return i + 1;
}

/** Index after the bracket that closes the array (or inline table) opening at `start`, or null. */
function arrayEnd(text: string, start: number): number | null {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '#') {
      i = skipComment(text, i);
      continue;
    }
    if (c === '"' || c === "'") {
      const next = skipString(text, i);
      if (next === null) return null;
      i = next;
      continue;
    }
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return null;
}

/**
 * Finds where a value sits in a JSON text, for the `[line:col]` prefix of document errors.
 * Only used on error paths, so it re-scans the text instead of making the parser record every
 * position.
 */

/** 1-based line and UTF-8 byte column of the character at `pos`. */
export function locate(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: Buffer.byteLength(text.slice(lineStart, pos)) + 1 };
}

/** Location of the last non-whitespace character (the closing `}` of a document). */
export function endLocation(text: string): { line: number; column: number } {
  let end = text.length - 1;
  while (end > 0 && /\s/.test(text.charAt(end))) end--;
  return locate(text, Math.max(end, 0));
}

function ws(t: string, p: number): number {
  while (/\s/.test(t.charAt(p))) p++;
  return p;
}

function skipString(t: string, p: number): number {
  p++;
  for (;;) {
    const c = t.charCodeAt(p);
    if (Number.isNaN(c)) return p;
    if (c === 0x5c) p += 2;
    else if (c === 0x22) return p + 1;
    else p++;
  }
}

function skipValue(t: string, p: number): number {
  const c = t.charCodeAt(p);
  if (c === 0x22) return skipString(t, p);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (;;) {
      const ch = t.charCodeAt(p);
      if (Number.isNaN(ch)) return p;
      if (ch === 0x22) {
        p = skipString(t, p);
        continue;
      }
      if (ch === 0x7b || ch === 0x5b) depth++;
      else if (ch === 0x7d || ch === 0x5d) {
        depth--;
        if (depth === 0) return p + 1;
      }
      p++;
    }
  }
  while (p < t.length && !/[,\]}\s]/.test(t.charAt(p))) p++;
  return p;
}

/**
 * Position of the value reached by following `steps` (object keys as written in the text, array
 * indexes as numbers) from the root; falls back to the root when the path is not found.
 */
export function locateValue(text: string, steps: readonly (string | number)[]): { line: number; column: number } {
  let p = ws(text, 0);
  for (const step of steps) {
    const c = text.charCodeAt(p);
    if (typeof step === 'number' && c === 0x5b) {
      p = ws(text, p + 1);
      for (let i = 0; i < step; i++) {
        p = ws(text, skipValue(text, p));
        if (text.charCodeAt(p) === 0x2c) p = ws(text, p + 1);
      }
      continue;
    }
    if (typeof step === 'string' && c === 0x7b) {
      p = ws(text, p + 1);
      let found = false;
      while (text.charCodeAt(p) === 0x22) {
        const keyEnd = skipString(text, p);
        const raw = text.slice(p, keyEnd);
        const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        p = ws(text, keyEnd);
        p = ws(text, p + 1); // colon
        if (key === step) {
          found = true;
          break;
        }
        p = ws(text, skipValue(text, p));
        if (text.charCodeAt(p) === 0x2c) p = ws(text, p + 1);
      }
      if (found) continue;
    }
    break;
  }
  return locate(text, p);
}

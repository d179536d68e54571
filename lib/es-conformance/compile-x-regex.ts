// The YAML format's `/.../` values are Java regular expressions compiled with Pattern.COMMENTS
// (the "x flag"): unescaped whitespace is ignored and `#` starts a comment to the end of the line.
// JavaScript has no x flag, so the pattern is rewritten into an equivalent plain pattern.
//
// Java's COMMENTS mode ignores whitespace inside character classes too (unlike Perl), so
// `[a b]` means `[ab]`; escaped whitespace (`\ `) and escaped `#` stay literal. A few Java-only
// constructs are translated: leading inline flags `(?i)`/`(?s)`/`(?m)`, `\A`, `\z`/`\Z`, and
// possessive quantifiers (`a++` becomes the greedy `a+`; same matches for these test patterns).

const WHITESPACE = new Set([' ', '\t', '\n', '\r', '\f', '\v']);

/** Strips a leading `(?flags)` group into JavaScript flags. */
function takeInlineFlags(pattern: string): { body: string; flags: string } {
  const match = /^\s*\(\?([imsx]+)\)/.exec(pattern);
  if (!match?.[1]) return { body: pattern, flags: '' };
  const flags = [...new Set(match[1].replace(/x/g, ''))].join('');
  return { body: pattern.slice(match[0].length), flags };
}

/**
 * Compiles an x-flag (Java COMMENTS) pattern into a JavaScript RegExp. Matching is a search
 * (Java `find()`), as in the reference runner: anchor with `^`/`$` for a full match.
 * @param pattern the text between the slashes of a `/.../` value
 * @throws {SyntaxError} when the rewritten pattern is not a valid JavaScript regular expression.
 * @example compileXRegex('^ \\d+ \\s+ green # status').test('12 green') // true
 */
export function compileXRegex(pattern: string): RegExp {
  const { body, flags } = takeInlineFlags(pattern);
  let out = '';
  let inClass = false;
  let classStart = -1;
  let lastWasQuantifier = false;
  for (let i = 0; i < body.length; i += 1) {
    const ch = body.charAt(i);
    if (ch === '\\') {
      const next = body.charAt(i + 1);
      i += 1;
      if (!inClass && next === 'A') out += '^';
      else if (!inClass && (next === 'z' || next === 'Z')) out += '$';
      else if (next === '#' || WHITESPACE.has(next)) out += next === '#' ? '#' : `\\${next}`;
      else out += `\\${next}`;
      lastWasQuantifier = false;
      continue;
    }
    if (WHITESPACE.has(ch)) continue;
    if (ch === '#') {
      while (i + 1 < body.length && body.charAt(i + 1) !== '\n') i += 1;
      continue;
    }
    if (inClass) {
      // A `]` right after `[` or `[^` is a literal in Java; JavaScript reads `[]` as an empty
      // class, so it is escaped.
      if (ch === ']' && out.length === classStart) {
        out += '\\]';
        continue;
      }
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      if (body.charAt(i + 1) === '^') {
        out += '^';
        i += 1;
      }
      classStart = out.length;
      continue;
    }
    if (ch === '+' && lastWasQuantifier) {
      lastWasQuantifier = false; // possessive: drop the extra `+`
      continue;
    }
    out += ch;
    lastWasQuantifier = ch === '*' || ch === '+' || ch === '?' || ch === '}';
  }
  return new RegExp(out, flags);
}

/** True when `value` is written as a `/.../` regex in a YAML expectation (trimmed, as Java does). */
export function isRegexLiteral(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const text = value.trim();
  return text.length > 2 && text.startsWith('/') && text.endsWith('/');
}

/** The pattern text of a `/.../` literal (see isRegexLiteral). */
export function regexBody(value: string): string {
  const text = value.trim();
  return text.slice(1, -1);
}

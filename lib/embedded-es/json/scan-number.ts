/**
 * The JSON number and whitespace grammar, shared by the tree parser and the streaming document
 * lexer so both accept the same spellings and fail with the same Jackson-style messages.
 */

/** How Jackson names a character in its messages. */
export function describeChar(code: number): string {
  if (code < 0x20) return `(CTRL-CHAR, code ${code})`;
  return `'${String.fromCharCode(code)}' (code ${code})`;
}

/** A scanned number token: where it ends and its shape. */
export interface NumberToken {
  readonly end: number;
  /** Digits before any fraction or exponent. */
  readonly intDigits: number;
  /** A fraction or an exponent was present. */
  readonly float: boolean;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * Scans the number starting at `start` (optional minus sign included).
 * @param fail throws; called with the message and the offending position.
 */
export function scanNumber(t: string, start: number, fail: (message: string, at: number) => never): NumberToken {
  let p = start;
  if (t.charCodeAt(p) === 0x2d) p++;
  const intStart = p;
  let c = t.charCodeAt(p);
  if (c === 0x30) {
    c = t.charCodeAt(++p);
    if (isDigit(c)) fail('Invalid numeric value: Leading zeroes not allowed', start);
  } else if (c >= 0x31 && c <= 0x39) {
    while (isDigit(c)) c = t.charCodeAt(++p);
  } else {
    fail(`Unexpected character (${Number.isNaN(c) ? 'end-of-input' : describeChar(c)}) in numeric value: Digit expected`, p);
  }
  const intDigits = p - intStart;
  let float = false;
  if (c === 0x2e) {
    float = true;
    c = t.charCodeAt(++p);
    if (!isDigit(c)) fail('Unexpected character in numeric value: Decimal point not followed by a digit', p);
    while (isDigit(c)) c = t.charCodeAt(++p);
  }
  if (c === 0x65 || c === 0x45) {
    float = true;
    c = t.charCodeAt(++p);
    if (c === 0x2b || c === 0x2d) c = t.charCodeAt(++p);
    if (!isDigit(c)) fail('Unexpected character in numeric value: Exponent indicator not followed by a digit', p);
    while (isDigit(c)) c = t.charCodeAt(++p);
  }
  return { end: p, intDigits, float };
}

/** Position of the first non-whitespace character (JSON whitespace: space, LF, CR, tab) at or after `p`. */
export function skipJsonWhitespace(t: string, p: number): number {
  for (;;) {
    const c = t.charCodeAt(p);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) p++;
    else return p;
  }
}

import { describe, expect, it } from 'vitest';
import { compileXRegex, isRegexLiteral, regexBody } from './compile-x-regex';

describe('compileXRegex (Java COMMENTS semantics)', () => {
  it.each([
    ['^ \\d+ \\s+ green $', '12 green', true],
    ['^ \\d+ \\s+ green $', '12green', false],
    ['a b c', 'abc', true],
    ['a b c', 'a b c', false],
    ['a\\ b', 'a b', true], // escaped space stays literal
    ['a \\# b', 'a#b', true], // escaped hash stays literal
    ['abc  # trailing comment\n  def', 'abcdef', true],
    ['[a b]+', 'abba', true], // whitespace inside a class is ignored too
    ['[a b]+', ' ', false],
    ['[]a]', ']', true],
    ['(?i)GREEN', 'green', true],
    ['\\Agreen\\z', 'green', true],
    ['a++b', 'aaab', true], // possessive quantifier accepted
    ['[0-9]+', 'epoch 1700000000', true], // search, not full match
  ])('%j on %j → %s', (pattern, text, expected) => {
    expect(compileXRegex(pattern).test(text)).toBe(expected);
  });

  it('throws on an invalid pattern', () => {
    expect(() => compileXRegex('(unclosed')).toThrow(SyntaxError);
  });

  it('recognises /.../ literals the way the reference runner does (trimmed, longer than 2)', () => {
    expect(isRegexLiteral('/x/')).toBe(true);
    expect(isRegexLiteral('  /x/\n')).toBe(true);
    expect(isRegexLiteral('//')).toBe(false);
    expect(isRegexLiteral('/path/to')).toBe(false);
    expect(isRegexLiteral(42)).toBe(false);
    expect(regexBody(' /a b/\n')).toBe('a b');
  });
});

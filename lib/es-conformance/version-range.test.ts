import { describe, expect, it } from 'vitest';
import { hasSyntheticFeature, isVersionInRanges, parseVersion } from './version-range';

const v8192 = parseVersion('8.19.2')!;

describe('version ranges', () => {
  it('parses versions with qualifiers', () => {
    expect(parseVersion('8.19.2-SNAPSHOT')).toEqual([8, 19, 2]);
    expect(parseVersion('1.0.0.Beta1')).toEqual([1, 0, 0]);
    expect(parseVersion('8')).toEqual([8, 0, 0]);
    expect(parseVersion('x')).toBeUndefined();
  });
  it.each([
    ['all', true],
    ['8.0.0 - ', true],
    [' - 8.19.1', false],
    [' - 8.19.2', true],
    ['7.0.0 - 8.0.0', false],
    [' - 8.0.99, 8.8.0 - ', true],
    [' - 8.0.99, 8.8.0 - 8.10.0', false],
    ['8.19.2', true],
  ])('%j contains 8.19.2: %s', (spec, expected) => {
    expect(isVersionInRanges(v8192, spec)).toBe(expected);
  });
  it('rejects unreadable bounds', () => {
    expect(() => isVersionInRanges(v8192, 'soon - later')).toThrow(RangeError);
  });
  it('derives gte_v features up to 8.14.0', () => {
    expect(hasSyntheticFeature(v8192, 'gte_v8.12.2')).toBe(true);
    expect(hasSyntheticFeature(v8192, 'gte_v8.14.0')).toBe(true);
    expect(hasSyntheticFeature(v8192, 'gte_v8.15.0')).toBe(false);
    expect(hasSyntheticFeature(parseVersion('8.10.0')!, 'gte_v8.12.2')).toBe(false);
    expect(hasSyntheticFeature(v8192, 'bulk_require_alias')).toBe(false);
  });
});

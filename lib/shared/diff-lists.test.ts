import { describe, expect, it } from 'vitest';
import { diffLists } from './diff-lists';
import { checkFieldPath, includeFieldsProblems } from './include-fields';
import { prettyJsonText } from './pretty-json-text';

describe('diffLists', () => {
  it('marks additions, removals and moves (as removed + added), keeping the common order', () => {
    expect(diffLists(['a', 'b', 'c'], ['b', 'c', 'd'])).toEqual([
      { op: 'removed', value: 'a' },
      { op: 'same', value: 'b' },
      { op: 'same', value: 'c' },
      { op: 'added', value: 'd' },
    ]);
    const moved = diffLists(['a', 'b'], ['b', 'a']);
    expect(moved.filter((l) => l.op === 'same')).toHaveLength(1);
    expect(moved.filter((l) => l.op !== 'same').map((l) => `${l.op} ${l.value}`).sort()).toEqual(['added a', 'removed a']);
    expect(diffLists([], ['x'])).toEqual([{ op: 'added', value: 'x' }]);
    expect(diffLists(['x'], ['x'])).toEqual([{ op: 'same', value: 'x' }]);
  });
});

describe('include_fields rule (shared with the loader)', () => {
  it('accepts dot paths and names the problem of anything else', () => {
    expect(checkFieldPath('host.name')).toBeNull();
    expect(checkFieldPath('@timestamp')).toBeNull();
    expect(checkFieldPath('host..ip')).toContain('empty segment');
    expect(checkFieldPath('.a')).toContain('start with a dot');
    expect(checkFieldPath('a.')).toContain('end with a dot');
    expect(checkFieldPath(' a')).toContain('whitespace');
    expect(checkFieldPath('ES_BLOCKCHAIN.fields')).toContain('signature itself');
    expect(includeFieldsProblems(['a', 'b', 'a', 'x..y'])).toEqual([
      { index: 2, message: 'duplicates entry 1 ("a")' },
      { index: 3, message: 'has an empty segment (".."): "x..y"' },
    ]);
    expect(includeFieldsProblems([])).toEqual([{ index: null, message: 'must list at least one field (nothing would be signed)' }]);
  });
});

describe('prettyJsonText', () => {
  it('indents without re-spelling numbers or touching strings', () => {
    expect(prettyJsonText('{"a":[1,2.50],"b":{},"c":"x,{y}:\\"z"}')).toBe('{\n  "a": [\n    1,\n    2.50\n  ],\n  "b": {},\n  "c": "x,{y}:\\"z"\n}');
    expect(prettyJsonText('{"n":9007199254740993}')).toContain('9007199254740993');
  });
});

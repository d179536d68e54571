import { describe, expect, it } from 'vitest';
import { parseQueryString } from './query-string';

describe('parseQueryString', () => {
  it('parses terms, fields, phrases and operators', () => {
    expect(parseQueryString('snow', ['*'], 'or')).toMatchObject({ kind: 'match', field: '*', query: 'snow' });
    expect(parseQueryString('host:web-1 AND status:>=500', ['*'], 'or')).toMatchObject({
      kind: 'bool',
      must: [{ kind: 'match', field: 'host', query: 'web-1' }, { kind: 'range', field: 'status', gte: '500' }],
    });
    expect(parseQueryString('a -b +c', ['f'], 'or')).toMatchObject({
      kind: 'bool', must: [{ query: 'c' }], should: [{ query: 'a' }], mustNot: [{ query: 'b' }],
    });
    expect(parseQueryString('msg:"hello world"', ['*'], 'or')).toMatchObject({ kind: 'match', phrase: true, query: 'hello world' });
    expect(parseQueryString('_exists_:user NOT t:x*', ['*'], 'or')).toMatchObject({
      kind: 'bool', should: [{ kind: 'exists', field: 'user' }], mustNot: [{ kind: 'wildcard', field: 't', value: 'x*' }],
    });
    expect(parseQueryString('n:[1 TO 5}', ['*'], 'or')).toMatchObject({ kind: 'range', gte: '1', lt: '5' });
  });
});

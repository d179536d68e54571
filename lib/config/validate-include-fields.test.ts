import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectConfigError, tempConfigDir } from './__fixtures__/temp-config-dir';
import { loadFieldsConfig } from './load-config';
import { validateIncludeFields } from './validate-include-fields';

describe('validateIncludeFields', () => {
  it('accepts unique dot paths', () => {
    expect(validateIncludeFields(['@timestamp', 'host.name', 'host.ip', 'EBP_METADATA.customer', 'a b.c'])).toEqual([]);
  });

  it.each([
    ['', 'must not be empty'],
    ['   ', 'must not be empty'],
    [' host.name', 'has leading or trailing whitespace: " host.name"'],
    ['.host', 'must not start with a dot: ".host"'],
    ['host.', 'must not end with a dot: "host."'],
    ['host..name', 'has an empty segment (".."): "host..name"'],
    ['host. .name', 'has a segment that is only whitespace: "host. .name"'],
    ['ES_BLOCKCHAIN.hash', 'ES_BLOCKCHAIN holds the signature itself and cannot be signed'],
  ])('rejects %j', (field, message) => {
    expect(validateIncludeFields(['ok', field])).toEqual([{ key: 'include_fields[1]', message }]);
  });

  it('rejects duplicates, naming the first occurrence', () => {
    expect(validateIncludeFields(['a', 'b', 'a', 'b'])).toEqual([
      { key: 'include_fields[2]', message: 'duplicates include_fields[0] ("a")' },
      { key: 'include_fields[3]', message: 'duplicates include_fields[1] ("b")' },
    ]);
  });

  it('rejects an empty list, a missing list, a non-list and non-strings', () => {
    expect(validateIncludeFields([])).toEqual([{ key: 'include_fields', message: 'must list at least one field (nothing would be signed)' }]);
    expect(validateIncludeFields(undefined)).toEqual([{ key: 'include_fields', message: 'is required (a list of field paths to sign)' }]);
    expect(validateIncludeFields('host.name')).toEqual([{ key: 'include_fields', message: 'expected an array of field paths, got "host.name"' }]);
    expect(validateIncludeFields(['a', 3, null])).toEqual([
      { key: 'include_fields[1]', message: 'expected a field path string, got 3' },
      { key: 'include_fields[2]', message: 'expected a field path string, got null' },
    ]);
  });

  it('property: a path is accepted exactly when no segment is blank (given no edge whitespace)', () => {
    const segment = fc.string({ minLength: 0, maxLength: 6 }).filter((s) => !s.includes('.'));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (segments) => {
        const field = segments.join('.');
        fc.pre(field.trim() === field && segments[0] !== 'ES_BLOCKCHAIN');
        const valid = segments.every((s) => s.trim() !== '');
        expect(validateIncludeFields([field]).length === 0).toBe(valid);
      }),
    );
  });
});

describe('loadFieldsConfig', () => {
  it('loads the list in file order', () => {
    const { baseDir, configDir } = tempConfigDir({ 'elastic_blockchain_proxy_fields.toml': 'include_fields = ["z", "a.b"]\n' });
    expect(loadFieldsConfig(configDir, { baseDir })).toEqual({ includeFields: ['z', 'a.b'] });
  });

  it('reports every problem of the file with its source, including unknown keys', () => {
    const { baseDir, configDir } = tempConfigDir({ 'elastic_blockchain_proxy_fields.toml': 'include_field = ["x"]\nexclude = 1\n' });
    const { problems } = expectConfigError(() => loadFieldsConfig(configDir, { baseDir }));
    expect(problems).toEqual([
      { source: 'config/elastic_blockchain_proxy_fields.toml', key: 'include_field', message: 'unknown key (did you mean "include_fields"?)' },
      { source: 'config/elastic_blockchain_proxy_fields.toml', key: 'exclude', message: 'unknown key' },
      { source: 'config/elastic_blockchain_proxy_fields.toml', key: 'include_fields', message: 'is required (a list of field paths to sign)' },
    ]);
  });

  it('uses the built-in list when the file is missing', () => {
    const { baseDir, configDir } = tempConfigDir();
    expect(loadFieldsConfig(configDir, { baseDir }).includeFields).toContain('@timestamp');
  });
});

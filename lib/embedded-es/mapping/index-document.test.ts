import { describe, expect, it } from 'vitest';
import { EmbeddedEsError } from '../errors/embedded-es-error';
import { CompiledMapping } from './compile-mapping';
import { indexDocument } from './index-document';

type Json = Record<string, unknown>;

function errorOf(fn: () => unknown): { type: string; reason: string; status: number; causedBy: unknown } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(EmbeddedEsError);
    const e = err as EmbeddedEsError;
    return { type: e.esType, reason: e.reason, status: e.status, causedBy: e.causedBy };
  }
  throw new Error('expected an error');
}

function index(source: string, mapping: Json = {}, id = '1') {
  return indexDocument(source, id, new CompiledMapping(mapping), true, Buffer.from(source));
}

describe('indexDocument dynamic mapping', () => {
  it('maps strings, dates, integers, decimals, booleans and objects like Elasticsearch', () => {
    const r = index('{"msg":"hi","ts":"2024-01-02T03:04:05Z","n":1,"big":9007199254740993,"f":1.50,"b":true,"o":{"k":"v"},"year":"2024","nul":null,"e":[]}');
    const props = (r.newMapping as Json).properties as Json;
    expect(props.msg).toEqual({ type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } });
    expect(props.ts).toEqual({ type: 'date' });
    expect(props.n).toEqual({ type: 'long' });
    expect(props.big).toEqual({ type: 'long' });
    expect(props.f).toEqual({ type: 'float' });
    expect(props.b).toEqual({ type: 'boolean' });
    expect(props.o).toEqual({ properties: { k: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } } } });
    expect(props.year).toMatchObject({ type: 'text' });
    expect(props.nul).toBeUndefined();
    expect(props.e).toBeUndefined();
    const values = Object.fromEntries(r.paths.map((p, i) => [p, r.values[i]]));
    expect(values).toMatchObject({ 'msg.keyword': 'hi', ts: Date.UTC(2024, 0, 2, 3, 4, 5), n: 1, f: 1.5, b: 1, 'o.k.keyword': 'v' });
  });

  it('expands dotted field names and honours dynamic templates', () => {
    const r = index('{"a.b":"x","labels":{"env":"prod"}}', {
      dynamic_templates: [{ strings: { path_match: 'labels.*', match_mapping_type: 'string', mapping: { type: 'keyword' } } }],
    });
    expect((r.newMapping as Json).properties).toEqual({
      a: { properties: { b: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } } } },
      labels: { properties: { env: { type: 'keyword' } } },
    });
  });
});

describe('indexDocument rejections (Elasticsearch wire reasons)', () => {
  it('rejects a concrete value for an object mapping, with the value location', () => {
    const mapping = { properties: { host: { properties: { name: { type: 'keyword' } } } } };
    const e = errorOf(() => index('{"a":1,"host":"web-1"}', mapping));
    expect(e).toMatchObject({
      type: 'document_parsing_exception',
      status: 400,
      reason: '[1:15] object mapping for [host] tried to parse field [host] as object, but found a concrete value',
    });
  });

  it('rejects an object for a concrete field with the value preview', () => {
    const e = errorOf(() => index('{"host":{"name":"x"}}', { properties: { host: { type: 'keyword' } } }, 'doc-9'));
    expect(e.type).toBe('document_parsing_exception');
    expect(e.reason).toBe("[1:9] failed to parse field [host] of type [keyword] in document with id 'doc-9'. Preview of field's value: '{name=x}'");
    expect(e.causedBy).toEqual({ type: 'illegal_state_exception', reason: "Can't get text on a START_OBJECT at 1:9" });
  });

  it('rejects values that do not fit the mapped type', () => {
    expect(errorOf(() => index('{"f":"abc"}', { properties: { f: { type: 'long' } } }, 'x'))).toMatchObject({
      reason: "[1:6] failed to parse field [f] of type [long] in document with id 'x'. Preview of field's value: 'abc'",
      causedBy: { type: 'illegal_argument_exception', reason: 'For input string: "abc"' },
    });
    expect(errorOf(() => index('{"d":"not a date"}', { properties: { d: { type: 'date' } } })).causedBy).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'failed to parse date field [not a date] with format [strict_date_optional_time||epoch_millis]',
    });
    expect(errorOf(() => index('{"b":"maybe"}', { properties: { b: { type: 'boolean' } } })).causedBy).toMatchObject({
      reason: 'Failed to parse value [maybe] as only [true] or [false] are allowed.',
    });
    expect(errorOf(() => index('{"i":3000000000}', { properties: { i: { type: 'integer' } } })).causedBy).toMatchObject({
      reason: 'Value [3000000000] is out of range for an integer',
    });
  });

  it('coerces numeric strings and truncates decimals for long fields', () => {
    const r = index('{"a":"42","b":7.9}', { properties: { a: { type: 'long' }, b: { type: 'long' } } });
    expect(r.values).toEqual([42, 7]);
  });

  it('applies strict and false dynamic settings', () => {
    expect(errorOf(() => index('{"known":1,"other":2}', { dynamic: 'strict', properties: { known: { type: 'long' } } }))).toMatchObject({
      type: 'strict_dynamic_mapping_exception',
      reason: '[1:20] mapping set to strict, dynamic introduction of [other] within [_doc] is not allowed',
    });
    const r = index('{"known":1,"other":{"x":2}}', { dynamic: false, properties: { known: { type: 'long' } } });
    expect(r.newMapping).toBeUndefined();
    expect(r.paths).toEqual(['known']);
  });

  it('rejects metadata fields, empty names, duplicates and malformed JSON', () => {
    expect(errorOf(() => index('{"_id":"x"}')).reason).toBe('[1:2] Field [_id] is a metadata field and cannot be added inside a document. Use the index API request parameters.');
    expect(errorOf(() => index('{"":1}')).reason).toBe('[1:2] failed to parse: field name cannot be an empty string');
    expect(errorOf(() => index('{"a":1,"a":2}')).reason).toBe("[1:8] failed to parse: Duplicate field 'a'");
    const bad = errorOf(() => index('{"a":}'));
    expect(bad.type).toBe('document_parsing_exception');
    expect(bad.reason).toBe("[1:6] failed to parse: Unexpected character ('}' (code 125)): expected a value");
    expect(errorOf(() => index('[1]')).reason).toBe('[1:1] failed to parse: Malformed content, must start with an object');
  });

  it('enforces the total fields limit', () => {
    const many = '{' + Array.from({ length: 5 }, (_, i) => `"f${i}":1`).join(',') + '}';
    const e = errorOf(() => indexDocument(many, '1', new CompiledMapping({}, { 'index.mapping.total_fields.limit': '3' })));
    expect(e).toMatchObject({ type: 'illegal_argument_exception', reason: 'Limit of total fields [3] has been exceeded while adding new fields [5]' });
  });
});

describe('dates', () => {
  it('parses the ISO forms logs carry, with and without the fast path', async () => {
    const { parseIsoDate, parseDate } = await import('./dates');
    expect(parseIsoDate('2024-02-29T23:59:59Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
    expect(parseIsoDate('2024-02-29T23:59:59.123Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 123));
    expect(parseIsoDate('2023-02-29T00:00:00Z')).toBeUndefined();
    expect(parseIsoDate('2024-01-01T01:00:00+01:00')).toBe(Date.UTC(2024, 0, 1));
    expect(parseIsoDate('2024-01-01T00:00:00.123456789Z')).toBe(Date.UTC(2024, 0, 1, 0, 0, 0, 123));
    expect(parseIsoDate('2024-01-01')).toBe(Date.UTC(2024, 0, 1));
    expect(parseDate('1704067200000')).toBe(Date.UTC(2024, 0, 1));
    expect(parseDate('2024/01/02 03:04:05', 'yyyy/MM/dd HH:mm:ss||yyyy/MM/dd')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
  });
});

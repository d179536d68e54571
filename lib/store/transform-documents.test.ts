import { describe, expect, it } from 'vitest';
import { reduceToSignedFields } from './reduce-to-signed-fields';
import { REMOVE_PIPELINE_TAG, withRemovePipelineTag } from './tag-removed-pipeline';

const BC = '"ES_BLOCKCHAIN":{"fields":{"message":"m","n":{"big":9007199254740993}},"hash":"h","previous_hash":null,"iteration":0,"timestamp_ms":1,"version":1}';

describe('withRemovePipelineTag', () => {
  it('creates tags when absent, keeping every other byte of meaning', () => {
    expect(withRemovePipelineTag(`{"a":1.50,"b":9007199254740993,"c":1e3,${BC}}`)).toBe(`{"a":1.50,"b":9007199254740993,"c":1e3,${BC},"tags":["${REMOVE_PIPELINE_TAG}"]}`);
  });

  it('appends to an array once, in place', () => {
    expect(withRemovePipelineTag('{"tags":["x"],"z":0}')).toBe('{"tags":["x","_ebp_remove_pipeline"],"z":0}');
    expect(withRemovePipelineTag('{"tags":["_ebp_remove_pipeline"]}')).toBe('{"tags":["_ebp_remove_pipeline"]}');
  });

  it('turns a single value or null into an array', () => {
    expect(withRemovePipelineTag('{"tags":"x"}')).toBe('{"tags":["x","_ebp_remove_pipeline"]}');
    expect(withRemovePipelineTag('{"tags":null}')).toBe('{"tags":["_ebp_remove_pipeline"]}');
  });

  it('returns null for text that is not a JSON object', () => {
    expect(withRemovePipelineTag('[1]')).toBeNull();
    expect(withRemovePipelineTag('{"a":')).toBeNull();
  });
});

describe('reduceToSignedFields', () => {
  it('keeps the signed fields, @timestamp and ES_BLOCKCHAIN, in that order, losslessly', () => {
    const doc = `{"@timestamp":"2024-01-01T00:00:00Z","message":"m","host":"x","tags":["t"],"EBP_METADATA":{"customer":"acme"},"n":{"big":9007199254740993,"other":1.50},${BC}}`;
    expect(reduceToSignedFields(doc)).toBe(`{"message":"m","n":{"big":9007199254740993},"@timestamp":"2024-01-01T00:00:00Z",${BC}}`);
  });

  it('uses a signed @timestamp as signed, and works without any @timestamp', () => {
    const signedTs = '"ES_BLOCKCHAIN":{"fields":{"@timestamp":"2024-01-02T00:00:00Z"},"hash":"h"}';
    expect(reduceToSignedFields(`{"@timestamp":"2024-01-01T00:00:00Z",${signedTs}}`)).toBe(`{"@timestamp":"2024-01-02T00:00:00Z",${signedTs}}`);
    expect(reduceToSignedFields(`{"x":1,${BC}}`)).toBe(`{"message":"m","n":{"big":9007199254740993},${BC}}`);
  });

  it('keeps signed tags (signed content) but adds none', () => {
    const bc = '"ES_BLOCKCHAIN":{"fields":{"tags":["a"]}}';
    expect(reduceToSignedFields(`{"tags":["a","_ebp_remove_pipeline"],${bc}}`)).toBe(`{"tags":["a"],${bc}}`);
  });

  it('returns null when there is nothing to reduce to', () => {
    expect(reduceToSignedFields('{"a":1}')).toBeNull();
    expect(reduceToSignedFields('{"ES_BLOCKCHAIN":{"fields":[1]}}')).toBeNull();
    expect(reduceToSignedFields('{"ES_BLOCKCHAIN":7}')).toBeNull();
    expect(reduceToSignedFields('"x"')).toBeNull();
    expect(reduceToSignedFields('{')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { chainOfDataStream } from './chain-of-data-stream';
import { withRecoveredTag } from './tag-recovered';

describe('withRecoveredTag', () => {
  it.each([
    ['{"a":1.50}', '{"a":1.50,"tags":["_ebp_dlq_recovered"]}'],
    ['{}', '{"tags":["_ebp_dlq_recovered"]}'],
    ['  {"n":9007199254740993}\n', '{"n":9007199254740993,"tags":["_ebp_dlq_recovered"]}'],
    ['{"tags":["x"],"n":1e3}', '{"tags":["x","_ebp_dlq_recovered"],"n":1e3}'],
    ['{"tags":[ "x" ] ,"b":1}', '{"tags":[ "x" ,"_ebp_dlq_recovered"] ,"b":1}'],
    ['{"tags":[]}', '{"tags":["_ebp_dlq_recovered"]}'],
    ['{"tags":null}', '{"tags":["_ebp_dlq_recovered"]}'],
    ['{"tags":"one"}', '{"tags":["one","_ebp_dlq_recovered"]}'],
    ['{"tags":["_ebp_dlq_recovered"]}', '{"tags":["_ebp_dlq_recovered"]}'],
    ['{"nested":{"tags":"inner"},"s":"}"}', '{"nested":{"tags":"inner"},"s":"}","tags":["_ebp_dlq_recovered"]}'],
  ])('%s', (input, expected) => {
    expect(withRecoveredTag(input)).toBe(expected);
    expect(() => JSON.parse(expected)).not.toThrow();
  });

  it('refuses what is not a JSON object', () => {
    for (const t of ['[1]', '"x"', '{"a":', '']) expect(withRecoveredTag(t)).toBeNull();
  });
});

describe('chainOfDataStream', () => {
  it('takes the last four of six parts', () => {
    expect(chainOfDataStream('logs-nginx.access-elproxysigned-acme-6_months-t1')).toEqual({ identity: { module: 'elproxysigned', customer: 'acme', retention: '6_months', tag: 't1' } });
  });
  it.each(['a-b-c-d-e', 'a-b-c-d-e-f-g', 'a-b-C-d-e-f', 'a-b-..-d-e-f', 'a--c-d-e-f'])('refuses %s', (ds) => {
    expect(chainOfDataStream(ds)).toHaveProperty('problem');
  });
});

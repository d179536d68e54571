import { describe, expect, it } from 'vitest';
import { compileFieldSelector } from '../chain';
import { packLogs, unpackLogs } from './packed-logs';
import { decodeBody } from './parse-logs';
import { prepareBody } from './prepare-body';

const META = (tag: string, extra = '') => `{"agent":{"type":"filebeat"},"customer":"acme","retention":"6_months","blockchain_tag":"${tag}"${extra}}`;
const selector = compileFieldSelector(['message', 'host.name']);

describe('packLogs / unpackLogs', () => {
  it('give back exactly what prepareBody gave, for every kind of log and offsets past non-ASCII text', () => {
    const body = Buffer.from(
      `\ufeff [ {"message":"é ☃ 𝄞","EBP_METADATA":${META('0')}},\n {"message":"no metadata"}, {"message":2,"EBP_METADATA":${META('1', ',"pipeline":"p1"')}},` +
        ` {"message":1e2000,"EBP_METADATA":${META('0')}}, 7, {"host":{"name":"h"},"EBP_METADATA":${META('0')}} ]`,
    );
    for (const sel of [selector, undefined]) {
      const logs = prepareBody(body, 'batch', 'elproxysigned', sel);
      const packed = packLogs(logs);
      expect(packed.targets).toHaveLength(2); // tag 0 (three logs) and tag 1 with its pipeline
      expect(unpackLogs(decodeBody(body), packed)).toEqual(logs);
    }
    const single = Buffer.from(` \n{"message":"ü","EBP_METADATA":${META('0')}}\t`);
    const logs = prepareBody(single, 'single', 'elproxysigned', selector);
    expect(logs[0]).toMatchObject({ at: 2, raw: `{"message":"ü","EBP_METADATA":${META('0')}}` });
    expect(unpackLogs(decodeBody(single), packLogs(logs))).toEqual(logs);
    expect(unpackLogs('[]', packLogs([]))).toEqual([]);
  });

  it('tells targets apart by data stream and pipeline even when logs share one identity object', () => {
    const identity = { module: 'm', customer: 'c', retention: 'r', tag: '0' };
    const log = (dataStream: string, pipeline: string | null) => ({ raw: '{}', at: 1, identity, dataStream, pipeline, canonicalFields: '{}' });
    const packed = packLogs([log('a-m-c-r-0', null), log('b-m-c-r-0', null), log('a-m-c-r-0', 'p'), log('a-m-c-r-0', null)]);
    expect(packed.targets.map((t) => [t.dataStream, t.pipeline])).toEqual([['a-m-c-r-0', null], ['b-m-c-r-0', null], ['a-m-c-r-0', 'p']]);
    expect([...packed.targetOf]).toEqual([0, 1, 2, 0]);
  });
});

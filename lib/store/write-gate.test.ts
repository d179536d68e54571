import { errors } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { createWriteGate } from './write-gate';

const refused = () => new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:9200');
const forbidden = () =>
  new errors.ResponseError({ body: { error: { type: 'security_exception', reason: 'action [indices:admin/index_template/put] is unauthorized' }, status: 403 }, statusCode: 403, headers: {}, warnings: null, meta: {} as never });

describe('createWriteGate', () => {
  it('holds writes back while the store is unavailable, then opens for good once prepare succeeds', async () => {
    let calls = 0;
    let up = false;
    const gate = createWriteGate(async () => {
      calls++;
      if (!up) throw refused();
    });
    const held = await gate();
    expect(held?.code).toBe('ERR_STORE_UNAVAILABLE');
    expect(held?.message).toContain('installing the index templates');
    up = true;
    expect(await gate()).toBeNull();
    expect(await gate()).toBeNull();
    expect(calls).toBe(2);
  });

  it('lets writes through when the store refuses the templates (the operator installs them)', async () => {
    let calls = 0;
    const gate = createWriteGate(async () => {
      calls++;
      throw forbidden();
    });
    expect(await gate()).toBeNull();
    expect(await gate()).toBeNull();
    expect(calls).toBe(1);
  });

  it('shares one attempt between concurrent callers', async () => {
    let calls = 0;
    const gate = createWriteGate(async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 10));
    });
    expect(await Promise.all([gate(), gate(), gate()])).toEqual([null, null, null]);
    expect(calls).toBe(1);
  });
});

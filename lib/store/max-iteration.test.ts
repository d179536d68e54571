import { errors } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { hasCode } from '../errors';
import { errorReply, mockClient, type Reply } from './__fixtures__/mock-client';
import { TEST_CHAIN } from './__fixtures__/signed-docs';
import { createStore } from './create-store';
import { StoreError } from './store-error';

function storeAnswering(reply: Reply) {
  const m = mockClient(() => reply);
  return { ...m, store: createStore(m.client, { failureMaxRetries: 0, failureSleepMsBetweenRetries: 0 }) };
}

const hits = (h: unknown[]) => ({ status: 200, body: { took: 1, timed_out: false, hits: { hits: h } } });

async function thrown(p: Promise<unknown>): Promise<unknown> {
  return p.then(() => 'resolved', (e: unknown) => e);
}

describe('maxIteration', () => {
  it('asks for the highest iteration over the chain pattern, one hit, that field only', async () => {
    const t = storeAnswering(hits([{ _index: '.ds-x', _id: 'a', _source: { ES_BLOCKCHAIN: { iteration: 41 } } }]));
    expect(await t.store.maxIteration(TEST_CHAIN)).toBe(41);
    const req = t.requests[0]!;
    expect(req.path).toBe('/*-*-elproxysigned-acme-6_months-0/_search');
    const qs = new URLSearchParams(req.querystring);
    expect(qs.get('ignore_unavailable')).toBe('true');
    expect(qs.get('allow_no_indices')).toBe('true');
    expect(JSON.parse(req.body)).toEqual({
      size: 1,
      track_total_hits: false,
      sort: [{ 'ES_BLOCKCHAIN.iteration': { order: 'desc', unmapped_type: 'long' } }],
      _source: ['ES_BLOCKCHAIN.iteration'],
    });
  });

  it('returns null for a chain without logs', async () => {
    expect(await storeAnswering(hits([])).store.maxIteration(TEST_CHAIN)).toBeNull();
  });

  it('refuses a highest document without a valid iteration', async () => {
    for (const source of [{}, { ES_BLOCKCHAIN: { iteration: -1 } }, { ES_BLOCKCHAIN: { iteration: 1.5 } }, { ES_BLOCKCHAIN: { iteration: '3' } }]) {
      const err = await thrown(storeAnswering(hits([{ _source: source }])).store.maxIteration(TEST_CHAIN));
      expect(hasCode(err, 'ERR_STORE_INVALID_RESPONSE')).toBe(true);
    }
  });

  it('throws ERR_STORE_UNAVAILABLE when the store cannot answer, keeping the cause', async () => {
    for (const reply of [new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:9200'), errorReply(503, 'search_phase_execution_exception'), errorReply(429, 'es_rejected_execution_exception'), new errors.TimeoutError('Request timed out')]) {
      const err = await thrown(storeAnswering(reply).store.maxIteration(TEST_CHAIN));
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).code).toBe('ERR_STORE_UNAVAILABLE');
      expect((err as StoreError).status).toBe(503);
      expect((err as StoreError).cause).toBeDefined();
    }
  });

  it('throws ERR_STORE_REJECTED for a 4xx, naming Elasticsearch reason', async () => {
    const err = await thrown(storeAnswering(errorReply(403, 'security_exception', 'action [indices:data/read/search] is unauthorized')).store.maxIteration(TEST_CHAIN));
    expect(hasCode(err, 'ERR_STORE_REJECTED')).toBe(true);
    expect((err as StoreError).esStatus).toBe(403);
    expect((err as StoreError).message).toContain('security_exception: action [indices:data/read/search] is unauthorized');
  });
});

describe('ping', () => {
  it.each([
    [{ status: 200 }, true],
    [{ status: 401, body: '' }, true],
    [{ status: 403, body: '' }, true],
    [{ status: 429, body: '' }, false],
    [{ status: 503, body: '' }, false],
    [new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:9200'), false],
    [new errors.TimeoutError('Request timed out'), false],
  ] as [Reply, boolean][])('%o → %s', async (reply, up) => {
    const t = storeAnswering(reply);
    expect(await t.store.ping()).toBe(up);
    expect(t.requests[0]).toMatchObject({ method: 'HEAD', path: '/' });
  });
});

describe('createStore options', () => {
  it('rejects invalid retry settings', () => {
    const { client } = mockClient(() => ({ status: 200 }));
    expect(() => createStore(client, { failureMaxRetries: -1, failureSleepMsBetweenRetries: 0 })).toThrow(TypeError);
    expect(() => createStore(client, { failureMaxRetries: 1, failureSleepMsBetweenRetries: 0.5 })).toThrow(TypeError);
  });
});

import { errors } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff-delay';
import { classifyItem } from './classify-item';
import { classifyRequestError } from './classify-request-error';

function responseError(status: number, body: unknown): errors.ResponseError {
  return new errors.ResponseError({ body, statusCode: status, headers: {}, warnings: null, meta: {} as never });
}

describe('classifyRequestError', () => {
  it.each([
    [429, 'not_written'],
    [503, 'not_written'],
    [401, 'not_written'],
    [403, 'not_written'],
    [400, 'rejected'],
    [413, 'rejected'],
    [408, 'uncertain'],
    [500, 'uncertain'],
    [502, 'uncertain'],
    [504, 'uncertain'],
  ])('HTTP %i → %s', (status, kind) => {
    expect(classifyRequestError(responseError(status, { error: { type: 't', reason: 'r' }, status })).kind).toBe(kind);
  });

  it('keeps Elasticsearch error type and reason, or names the status', () => {
    expect(classifyRequestError(responseError(429, { error: { type: 'es_rejected_execution_exception', reason: 'queue' }, status: 429 })).error).toEqual({ type: 'es_rejected_execution_exception', reason: 'queue' });
    expect(classifyRequestError(responseError(413, '')).error).toEqual({ type: 'http_413', reason: 'HTTP 413: the request is larger than the cluster accepts (http.max_content_length)' });
    expect(classifyRequestError(responseError(502, '')).error).toEqual({ type: 'http_502', reason: 'HTTP 502' });
    expect(classifyRequestError(responseError(400, { error: 'no handler found for uri [/_bulk]' })).error).toEqual({ type: 'http_400', reason: 'no handler found for uri [/_bulk]' });
  });

  it('separates connect-phase failures from failures after sending', () => {
    expect(classifyRequestError(new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:9200')).kind).toBe('not_written');
    expect(classifyRequestError(new errors.ConnectionError('connect EHOSTUNREACH 10.0.0.1:9200')).kind).toBe('not_written');
    expect(classifyRequestError(new errors.ConnectionError('unable to verify the first certificate')).kind).toBe('not_written');
    expect(classifyRequestError(new errors.NoLivingConnectionsError('none', { body: undefined, statusCode: 0, headers: {}, warnings: null, meta: {} as never })).kind).toBe('not_written');
    expect(classifyRequestError(new errors.ConnectionError('read ECONNRESET')).kind).toBe('uncertain');
    expect(classifyRequestError(new errors.ConnectionError('other side closed')).kind).toBe('uncertain');
    expect(classifyRequestError(new errors.TimeoutError('Request timed out'))).toEqual({ kind: 'uncertain', status: null, error: { type: 'timeout_error', reason: 'Request timed out' } });
    expect(classifyRequestError(new Error('weird')).kind).toBe('uncertain');
  });
});

describe('classifyItem', () => {
  it('maps statuses and error types to El Proxy strategies', () => {
    expect(classifyItem(201, undefined, 'original')).toEqual({ action: 'indexed' });
    expect(classifyItem(409, { type: 'version_conflict_engine_exception', reason: 'exists' }, 'original')).toEqual({ action: 'exists' });
    expect(classifyItem(409, { type: 'other_exception', reason: 'x' }, 'original').action).toBe('reduce');
    expect(classifyItem(429, { type: 'es_rejected_execution_exception', reason: 'x' }, 'reduced').action).toBe('retry');
    expect(classifyItem(500, undefined, 'original')).toEqual({ action: 'retry', error: { type: 'http_500', reason: '' } });
    expect(classifyItem(undefined, undefined, 'original').action).toBe('retry');
    expect(classifyItem(500, { type: 'fail_processor_exception', reason: 'refused by pipeline' }, 'original').action).toBe('reduce');
    expect(classifyItem(500, { type: 'ingest_processor_exception', reason: 'x' }, 'reduced').action).toBe('fail');
    const missing = { type: 'illegal_argument_exception', reason: 'pipeline with id [p] does not exist' };
    // The request's pipeline or the index's default_pipeline: both are skipped with `_none`.
    expect(classifyItem(400, missing, 'original').action).toBe('drop_pipeline');
    expect(classifyItem(400, missing, 'no_pipeline').action).toBe('reduce');
    expect(classifyItem(400, { type: 'document_parsing_exception', reason: 'x' }, 'original').action).toBe('reduce');
    expect(classifyItem(400, { type: 'document_parsing_exception', reason: 'x' }, 'reduced')).toEqual({ action: 'fail', error: { type: 'document_parsing_exception', reason: 'x' } });
  });
});

describe('backoffDelay', () => {
  it('doubles from the base and stops at 30 s', () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(500, n))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(500, 10)).toBe(30_000);
    expect(backoffDelay(1, 10_000)).toBe(30_000);
    expect(backoffDelay(0, 3)).toBe(0);
  });
});

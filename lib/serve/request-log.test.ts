import { describe, expect, it } from 'vitest';
import { requestLine } from './request-log';

describe('requestLine', () => {
  it('names endpoint, answer, client, time and counts of a 200', () => {
    expect(requestLine({ kind: 'batch', remote: '10.0.0.5', ms: 12.4, failureType: null, response: { status: 200, headers: {}, body: { logs: 3, indexed: 2, dlq: 0, rejected: 1, chains: ['a-b-c-0', 'a-b-c-1'] } } })).toBe(
      'POST /api/log_batch 200 from 10.0.0.5 in 12 ms: logs=3 indexed=2 dlq=0 rejected=1 chains=a-b-c-0,a-b-c-1',
    );
  });

  it('gives only the error code of a refusal (never its message, which may quote the request)', () => {
    expect(requestLine({ kind: 'single', remote: null, ms: 3, failureType: 'bad_request', response: { status: 400, headers: {}, body: { error: { code: 'ERR_INGEST_MALFORMED', message: 'the body is not valid JSON: "secret…' } } } })).toBe(
      'POST /api/log 400 from unknown in 3 ms: ERR_INGEST_MALFORMED',
    );
  });
});

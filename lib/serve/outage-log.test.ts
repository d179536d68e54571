import { describe, expect, it } from 'vitest';
import type { FailureType } from '../metrics';
import { OUTAGE_QUIET_MS, createOutageLog } from './outage-log';

function setup() {
  const lines: string[] = [];
  let t = 1_000_000;
  const observe = createOutageLog((l) => void lines.push(l), () => t);
  // Answers as ingest reports them: a refusal with its failure type and message, or a 200.
  const o = {
    refused: (failureType: FailureType | 'bad_request', message: string) =>
      observe({ kind: 'batch', remote: null, ms: 1, failureType, response: { status: 503, headers: {}, body: { error: { code: 'ERR_X', message } } } }),
    accepted: () => observe({ kind: 'batch', remote: null, ms: 1, failureType: null, response: { status: 200, headers: {}, body: { logs: 1 } } }),
  };
  return { o, lines, advance: (ms: number) => void (t += ms) };
}

describe('createOutageLog', () => {
  it('logs the first refusal of a cause with its message, stays quiet while it lasts, and logs once when it has cleared', () => {
    const { o, lines, advance } = setup();
    o.accepted(); // nothing to clear
    o.refused('elasticsearch_error', 'Elasticsearch did not take the batch (connect ECONNREFUSED)');
    for (let i = 0; i < 50; i++) {
      advance(1000);
      o.refused('elasticsearch_error', 'the same, again');
    }
    expect(lines).toEqual(['ingest refused (elasticsearch_error): Elasticsearch did not take the batch (connect ECONNREFUSED); shippers get 503 and send again until this clears']);
    advance(OUTAGE_QUIET_MS - 1);
    o.accepted(); // too soon after the last refusal: another chain's 200 while the cause lasts
    expect(lines).toHaveLength(1);
    advance(1);
    o.accepted();
    o.accepted();
    expect(lines.slice(1)).toEqual(['ingest refusals (elasticsearch_error) have cleared: 51 requests refused over 50 s, none since']);
    o.refused('elasticsearch_error', 'down again');
    expect(lines.slice(2)).toEqual(['ingest refused (elasticsearch_error): down again; shippers get 503 and send again until this clears']);
  });

  it('tracks causes apart and ignores bad requests and back-pressure', () => {
    const { o, lines, advance } = setup();
    o.refused('bad_request', 'the body is not valid JSON');
    o.refused('full_queue_error', 'the queue is full');
    expect(lines).toEqual([]);
    o.refused('dlq_error', 'the dead letter queue cannot be written (EACCES)');
    advance(5000);
    o.refused('internal_error', 'chain x is blocked');
    advance(OUTAGE_QUIET_MS);
    o.accepted(); // the DLQ's last refusal is 15 s old, the blocked chain's 10 s: both cleared
    expect(lines).toEqual([
      'ingest refused (dlq_error): the dead letter queue cannot be written (EACCES); shippers get 503 and send again until this clears',
      'ingest refused (internal_error): chain x is blocked; shippers get 503 and send again until this clears',
      'ingest refusals (dlq_error) have cleared: 1 request refused over 0 s, none since',
      'ingest refusals (internal_error) have cleared: 1 request refused over 0 s, none since',
    ]);
  });
});

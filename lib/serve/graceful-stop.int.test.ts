// A routine stop (SIGTERM/SIGINT → RunningSignet.close) answers the batches already received
// before the chains and the store close: a batch cut off after it was stored is re-sent by the
// shipper and stored a second time, which a stop for an upgrade should never cause.
import { afterEach, describe, expect, it } from 'vitest';
import { iterationsOf, makeLogs, range, seqsOf, startHarness, testChain, type Harness } from './__fixtures__/reliability-harness';
import { sendRaw, type RawAnswer } from './__fixtures__/send-raw';

const A = testChain('stop');

describe('stopping signet serve', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  /** Sends a batch whose `_bulk` the store holds for `delayMs`, and waits until it is held. */
  async function heldBatch(seqs: number[], delayMs: number): Promise<{ answer: Promise<RawAnswer> }> {
    h.es.faults.add({ path: '/_bulk', action: 'delay', delay_ms: delayMs });
    const answer = sendRaw({ url: `${h.signet.url}/api/log_batch`, headers: { 'content-type': 'application/json' }, body: JSON.stringify(makeLogs(A, seqs)) });
    answer.catch(() => undefined); // awaited by the test; no unhandled rejection meanwhile
    while (h.es.faults.list().length > 0) await new Promise((r) => setTimeout(r, 10));
    return { answer };
  }

  it('answers the batch in flight (200, Connection: close), takes no new connection, and only then closes the chains', async () => {
    h = await startHarness({ retries: 1, sleepMs: 2 });
    expect((await h.post(makeLogs(A, [0]))).status).toBe(200);
    const { answer: inFlight } = await heldBatch(range(1, 5), 1000);

    const stopped = h.signet.close();
    await expect(sendRaw({ url: `${h.signet.url}/api/log_batch`, headers: { 'content-type': 'application/json' }, body: JSON.stringify(makeLogs(A, [6])) })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.text)).toMatchObject({ logs: 5, indexed: 5 });
    await stopped;
    expect(h.log).toContain('answering the 1 requests in flight before stopping (at most 30 s, web_server.shutdown_grace_ms)');
    expect(h.log.filter((l) => l.includes('cut off'))).toEqual([]);

    const docs = (await h.storedDocs(A)).map((d) => d.source);
    expect(iterationsOf(docs)).toEqual(range(0, 6));
    expect(seqsOf(docs)).toEqual(range(0, 6)); // each log once: nothing for the shipper to re-send
    expect(h.verify(A, docs).errors).toEqual([]);
  });

  it('cuts off what is unanswered when the grace period ends; the chain stays whole', async () => {
    h = await startHarness({ retries: 1, sleepMs: 2, shutdownGraceMs: 100 });
    expect((await h.post(makeLogs(A, [0]))).status).toBe(200);
    const { answer: inFlight } = await heldBatch(range(1, 5), 1500);

    await h.signet.close();
    await expect(inFlight).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(h.log).toContain('1 requests were still unanswered after 0.1 s and were cut off (their shippers send them again)');
    // The cut-off batch was signed before the stop and delivered while the chain closed: the
    // shipper's re-send would store it a second time (what the default grace period avoids).
    const docs = (await h.storedDocs(A)).map((d) => d.source);
    expect(iterationsOf(docs)).toEqual(range(0, 6));
    expect(h.verify(A, docs).errors).toEqual([]);
  });
});

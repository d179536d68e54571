// A Logstash-like shipper for the crash harness: several pipeline workers, each sending one
// `json_batch` at a time and re-sending it until it gets a 200 (Logstash's http output retries
// 429/5xx and connection errors forever). The ledger records what a shipper knows: which logs
// were acknowledged and which batches had to be sent more than once.

export interface ClientLedger {
  batchesSent: number;
  batchesAcked: number;
  resends: number;
  /** Batches that needed at least one re-send. */
  batchesResent: number;
  ackedSeqs: Set<number>;
  resentSeqs: Set<number>;
  /** Answers other than 200, by status and error code ("503 ERR_CHAINS_UNAVAILABLE", "no answer"). */
  refusals: Record<string, number>;
}

export interface ShipperOptions {
  /** The current Signet URL (it changes at every restart: port 0). */
  url: () => string;
  workers: number;
  batchSize: number;
  /** Each log's EBP_METADATA (which chain it goes to), by its sequence number. */
  meta: (seq: number) => Record<string, unknown>;
  /**
   * A batch that gets no 200 for this long fails the run: the chain is blocked, or the service
   * does not come back (a shipper would retry forever; a test must not).
   */
  batchDeadlineMs: number;
}

export interface Shipper {
  readonly ledger: ClientLedger;
  /** Stops taking new batches; resolves when every batch in flight is acknowledged. */
  drain(): Promise<void>;
  /** The first batch that missed its deadline, if any. */
  failure(): Error | null;
}

export function startShipper(o: ShipperOptions): Shipper {
  const ledger: ClientLedger = { batchesSent: 0, batchesAcked: 0, resends: 0, batchesResent: 0, ackedSeqs: new Set(), resentSeqs: new Set(), refusals: {} };
  let nextSeq = 0;
  let stop = false;
  let failed: Error | null = null;

  const sendOnce = async (body: string): Promise<string> => {
    let answer: string;
    let kind: string;
    try {
      const r = await fetch(`${o.url()}/api/log_batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(20_000) });
      const text = await r.text();
      if (r.status === 200) return 'ok';
      answer = `${r.status} ${text.slice(0, 500)}`;
      kind = `${r.status} ${/"code":"(ERR_\w+)"/.exec(text)?.[1] ?? ''}`.trim();
    } catch (err) {
      answer = `no answer (${(err as Error).message})`;
      kind = 'no answer';
    }
    ledger.refusals[kind] = (ledger.refusals[kind] ?? 0) + 1;
    return answer;
  };

  const worker = async (): Promise<void> => {
    while (!stop && failed === null) {
      const seqs = Array.from({ length: o.batchSize }, () => nextSeq++);
      // Data streams need @timestamp in every log.
      const body = JSON.stringify(seqs.map((seq) => ({ '@timestamp': new Date(1_700_000_000_000 + seq).toISOString(), message: `log ${seq}`, seq, EBP_METADATA: o.meta(seq) })));
      ledger.batchesSent++;
      const started = Date.now();
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0) {
          ledger.resends++;
          if (attempt === 1) ledger.batchesResent++;
          for (const s of seqs) ledger.resentSeqs.add(s);
        }
        const answer = await sendOnce(body);
        if (answer === 'ok') break;
        if (Date.now() - started > o.batchDeadlineMs) {
          failed ??= new Error(`batch of logs ${seqs[0]}…${seqs[seqs.length - 1]} got no 200 in ${o.batchDeadlineMs} ms; last answer: ${answer}`);
          return;
        }
        // Exponential back-off with jitter, as Logstash's http output (there from 2 s to 64 s;
        // shorter here so that a test restarts often).
        const backoff = Math.min(500, 50 * 2 ** attempt);
        await new Promise((r) => setTimeout(r, backoff / 2 + Math.random() * (backoff / 2)));
      }
      ledger.batchesAcked++;
      for (const s of seqs) ledger.ackedSeqs.add(s);
    }
  };

  const running = Array.from({ length: o.workers }, () => worker());
  return {
    ledger,
    drain: async () => {
      stop = true;
      await Promise.all(running);
    },
    failure: () => failed,
  };
}

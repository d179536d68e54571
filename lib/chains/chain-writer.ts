import {
  chainName, deriveKey, signBatch, signedDocumentText, wipeKey, type ChainHead, type ChainIdentity, type FieldSelector, type JsonObject,
} from '../chain';
import { fromBulkPayload } from './bulk-payload';
import { ChainsError } from './chains-error';
import { ChainOutbox, type OutboxState } from './outbox';
import { RecentCounter } from './recent-counter';
import type { BulkItem, ChainsMetricsPort, DeliveryResult, DlqPort, KeyStorePort, StorePort } from './ports';

/** One log to sign, with where it goes. */
export interface ChainLog {
  readonly log: JsonObject;
  readonly raw: string;
  readonly dataStream: string;
  readonly pipeline: string | null;
}

export interface CommitCounts {
  indexed: number;
  dlq: number;
}

export interface ChainWriterDeps {
  readonly keys: KeyStorePort;
  readonly dlq: DlqPort;
  readonly store: StorePort;
  readonly metrics: ChainsMetricsPort;
  readonly outboxDir: string;
  readonly maxQueuedLogs: number;
  /** The current include_fields (read per commit, so configuration changes apply to new logs). */
  readonly selector: () => FieldSelector;
  readonly now: () => number;
  /** A fresh iteration-0 key from a CSPRNG (64 lowercase hex characters as bytes). */
  readonly newKey: () => Uint8Array;
}

interface Job {
  logs: readonly ChainLog[];
  resolve: (c: CommitCounts) => void;
  reject: (e: unknown) => void;
}

/** A group commit signed and in the outbox (its iterations consumed), not yet delivered. */
interface Prepared {
  readonly jobs: Job[];
  readonly logs: number;
  readonly seq: number;
  readonly body: Buffer;
  readonly items: BulkItem[];
  readonly head0: ChainHead;
  readonly head1: ChainHead;
}

/** A delivery failure after which nothing of the commit is stored: its iterations are signed again. */
class RollBack {
  constructor(readonly error: ChainsError) {}
}

/** Most logs signed and delivered in one commit (group commit across queued requests). */
export const MAX_COMMIT_LOGS = 5000;
/** The window of `status().signedLastWindow`. */
export const SIGNED_WINDOW_SECS = 60;
/** After a "not indexed" delivery, commits probe the store first for this long. */
const BREAKER_MS = 5000;

export type ChainState = 'idle' | 'ready' | 'blocked';

/**
 * The single writer of one blockchain: a bounded FIFO, group commits, and the write protocol of
 * README.md (outbox before delivery, rollback only when nothing was written, recovery from key
 * file + outbox, refusal to sign when Elasticsearch holds iterations the key file does not).
 */
export class ChainWriter {
  readonly name: string;
  private head: ChainHead | null = null;
  private outbox: ChainOutbox | null = null;
  private state: ChainState = 'idle';
  private blockedReason: string | null = null;
  private queue: Job[] = [];
  private queued = 0;
  private running = false;
  private closed = false;
  private storeDownAt = 0;
  /** A delivered record whose failed items could not reach the DLQ yet. */
  private stuck: { seq: number; items: BulkItem[]; error: Map<string, { type: string; reason: string }> } | null = null;
  private lastCommitMs = 0;
  /** Logs signed and delivered over the last minute (the console's per-chain rate). */
  private readonly recent = new RecentCounter(SIGNED_WINDOW_SECS);
  /** Outbox state read at the first recovery attempt, kept until recovery succeeds. */
  private recovered: OutboxState | null = null;
  /** Delivered records whose key-file save failed: marked done once a later save succeeds. */
  private unfinished: number[] = [];
  /** Resolves the loop's wait for new requests while a delivery runs. */
  private wake: (() => void) | null = null;
  /** The recovery in progress, shared by everyone who needs the chain ready. */
  private recovering: Promise<void> | null = null;

  constructor(
    readonly identity: ChainIdentity,
    private readonly deps: ChainWriterDeps,
  ) {
    this.name = chainName(identity);
  }

  /** Queues logs for signing; resolves when they are durable (indexed or in the DLQ). */
  submit(logs: readonly ChainLog[]): Promise<CommitCounts> {
    if (logs.length === 0) return Promise.resolve({ indexed: 0, dlq: 0 });
    if (this.closed) return Promise.reject(new ChainsError('ERR_CHAINS_CLOSED', 'the service is shutting down'));
    if (this.queued + logs.length > this.deps.maxQueuedLogs) {
      return Promise.reject(new ChainsError('ERR_CHAINS_QUEUE_FULL', `the queue of chain ${this.name} is full (${this.queued} logs waiting, message_queue_size ${this.deps.maxQueuedLogs})`));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ logs, resolve, reject });
      this.queued += logs.length;
      this.kick();
    });
  }

  status() {
    return {
      name: this.name,
      identity: this.identity,
      state: this.state,
      blockedReason: this.blockedReason,
      iteration: this.head?.iteration ?? null,
      lastHash: this.head?.previousHash ?? null,
      queuedLogs: this.queued,
      pendingOutbox: this.outbox?.pendingCount() ?? 0,
      stuck: this.stuck !== null,
      lastCommitMs: this.lastCommitMs,
      /** Logs of this chain delivered (indexed or to the DLQ) in the last SIGNED_WINDOW_SECS seconds. */
      signedLastWindow: this.recent.total(this.deps.now()),
    };
  }

  /** Recovers now (start-up), instead of on the first request. */
  async warmUp(): Promise<void> {
    if (this.state === 'ready') return;
    await this.ensureReady();
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.running) await new Promise((r) => setTimeout(r, 10));
    await this.recovering?.catch(() => undefined); // a warm-up still uses the outbox
    for (const job of this.queue.splice(0)) job.reject(new ChainsError('ERR_CHAINS_CLOSED', 'the service is shutting down'));
    await this.outbox?.close();
    if (this.head !== null) wipeKey(this.head.key);
  }

  private kick(): void {
    this.wake?.();
    this.wake = null;
    if (this.running) return;
    this.running = true;
    void this.loop().finally(() => {
      this.running = false;
      if (this.queue.length > 0 && !this.closed) this.kick();
    });
  }

  /**
   * Group commits, pipelined two deep: while commit k is delivered (the store's time), commit k+1
   * is signed and written to the outbox (Signet's time), so neither waits for the other. Only
   * this loop moves the head. Deliveries stay in order, and commit k+1 is sent only after commit
   * k succeeded: if k fails, k+1 was never sent and is discarded (its callers get a 503 and send
   * again), so a rollback never leaves a later signed batch behind it.
   */
  private async loop(): Promise<void> {
    let inflight: { commit: Prepared; delivery: Promise<('indexed' | 'dlq')[]> } | null = null;
    while (this.queue.length > 0 || inflight !== null) {
      if (this.queue.length === 0 && inflight !== null) {
        // Nothing to sign yet: wait for the delivery, or for a request to sign meanwhile.
        const arrival = new Promise<void>((r) => (this.wake = r));
        await Promise.race([inflight.delivery.then(() => undefined, () => undefined), arrival]);
        this.wake = null;
      }
      const jobs = this.takeJobs();
      const [prepared, delivered]: [PromiseSettledResult<Prepared | null>, PromiseSettledResult<('indexed' | 'dlq')[] | null>] = await Promise.allSettled([
        jobs.length === 0 ? Promise.resolve(null) : this.prepare(jobs, inflight !== null),
        inflight === null ? Promise.resolve(null) : inflight.delivery,
      ]);
      let next: Prepared | null = prepared.status === 'fulfilled' ? prepared.value : null;
      if (next !== null) this.head = next.head1; // the iterations are consumed from here on
      if (inflight !== null) {
        const done = inflight.commit;
        if (delivered.status === 'fulfilled') {
          settle(done.jobs, delivered.value as ('indexed' | 'dlq')[]);
        } else {
          const failure = delivered.reason as unknown;
          const error = failure instanceof RollBack ? failure.error : failure;
          if (next !== null) {
            await this.discard(next, new ChainsError('ERR_CHAINS_UNAVAILABLE', `an earlier batch of chain ${this.name} failed (${(error as Error).message}); nothing of this batch was stored, send it again`, error));
            this.queued -= next.logs;
            next = null;
          }
          if (failure instanceof RollBack) await this.discard(done, error);
          else reject(done, error);
        }
        this.queued -= done.logs;
      }
      if (prepared.status === 'rejected') {
        for (const job of jobs) job.reject(prepared.reason);
        this.queued -= jobs.reduce((n, j) => n + j.logs.length, 0);
      }
      inflight = next === null ? null : { commit: next, delivery: this.deliver(next) };
    }

    function settle(jobs: Job[], fates: ('indexed' | 'dlq')[]): void {
      // Every job of the commit shares its fate; split the counts per job for the callers.
      let offset = 0;
      for (const job of jobs) {
        const share = fates.slice(offset, offset + job.logs.length);
        offset += job.logs.length;
        job.resolve({ indexed: share.filter((c) => c === 'indexed').length, dlq: share.filter((c) => c === 'dlq').length });
      }
    }
    function reject(commit: Prepared, error: unknown): void {
      for (const job of commit.jobs) job.reject(error);
    }
  }

  /** The next group commit: queued requests in order, up to MAX_COMMIT_LOGS logs (at least one request). */
  private takeJobs(): Job[] {
    const jobs: Job[] = [];
    let n = 0;
    while (this.queue.length > 0 && (jobs.length === 0 || n + (this.queue[0] as Job).logs.length <= MAX_COMMIT_LOGS)) {
      const job = this.queue.shift() as Job;
      jobs.push(job);
      n += job.logs.length;
    }
    return jobs;
  }

  /**
   * Rolls a commit back that was never (or not at all) stored: discarded in the outbox durably,
   * head back to before it, callers refused. If even the discard mark cannot be written, the
   * record stays pending and the head stays after it: its iterations are never signed again and
   * the next recovery delivers it.
   */
  private async discard(commit: Prepared, error: unknown): Promise<void> {
    try {
      await (this.outbox as ChainOutbox).markDiscarded(commit.seq);
      this.head = commit.head0;
      wipeKey(commit.head1.key);
    } catch {
      // kept pending (see above)
    }
    for (const job of commit.jobs) job.reject(error);
  }

  private async ensureReady(): Promise<void> {
    if (this.state === 'ready') {
      if (this.stuck !== null) await this.retryStuck();
      return;
    }
    if (this.state === 'blocked') throw new ChainsError('ERR_CHAINS_BLOCKED', this.blockedReason as string);
    // One recovery at a time: the start-up warm-up and the first request both get here, and a
    // second recovery finishing after a commit would set the head back to the key file's and
    // sign those iterations again (found by the SIGKILL test: the re-signed logs were "already
    // stored", acknowledged, and lost).
    this.recovering ??= this.recover().finally(() => {
      this.recovering = null;
    });
    await this.recovering;
  }

  /** Loads the head from key file + outbox, checks it against Elasticsearch, re-delivers. */
  private async recover(): Promise<void> {
    let keyHead: ChainHead | null;
    try {
      keyHead = await this.deps.keys.load(this.identity);
      if (this.outbox === null) {
        const opened = await ChainOutbox.open(this.deps.outboxDir, this.identity.customer, this.name);
        this.outbox = opened.outbox;
        this.recovered = opened.state;
      }
    } catch (err) {
      throw err instanceof ChainsError ? err : new ChainsError('ERR_CHAINS_UNAVAILABLE', `chain ${this.name}: cannot read its state: ${(err as Error).message}`, err);
    }
    const state = this.recovered ?? { records: [] };
    const head = this.replayHead(keyHead, state);
    let esMax: number | null;
    try {
      esMax = await this.deps.store.maxIteration(this.identity);
    } catch (err) {
      throw new ChainsError('ERR_CHAINS_UNAVAILABLE', `chain ${this.name}: Elasticsearch is unavailable (${(err as Error).message})`, err);
    }
    if (head === null && esMax !== null) {
      return this.block(`chain ${this.name}: Elasticsearch holds logs up to iteration ${esMax} but this instance has no key file for the chain; refusing to start it again (another instance owns it, or its key file was lost)`);
    }
    if (head !== null && esMax !== null && esMax >= head.iteration) {
      return this.block(`chain ${this.name}: Elasticsearch holds iteration ${esMax} but the key file and outbox end at ${head.iteration - 1}; refusing to sign an iteration twice (another instance writes this chain, or its state was lost)`);
    }
    // Deliver what the outbox still holds before anything new is signed.
    for (const rec of state.records) {
      if (rec.done) continue;
      const items = fromBulkPayload(rec.payload);
      const result = await this.deps.store.deliver(items);
      if (result.outcome !== 'done') throw new ChainsError('ERR_CHAINS_UNAVAILABLE', `chain ${this.name}: cannot deliver logs recovered from the outbox yet (${result.error.reason})`);
      await this.toDlq(items, result, rec.seq, 'recovery');
      await (this.outbox as ChainOutbox).markDone(rec.seq);
      rec.done = true;
    }
    this.recovered = null;
    if (head !== null && (keyHead === null || head.iteration > keyHead.iteration)) await this.deps.keys.save(this.identity, head);
    if (keyHead !== null && keyHead !== head) wipeKey(keyHead.key);
    this.head = head;
    this.state = 'ready';
  }

  /** Head after the outbox records, derived forward from the key file (keys only evolve forward). */
  private replayHead(keyHead: ChainHead | null, state: OutboxState): ChainHead | null {
    let head = keyHead;
    for (const rec of state.records) {
      if (head === null) return this.block(`chain ${this.name}: the outbox holds iterations ${rec.firstIteration}… but the key file is missing`);
      if (rec.firstIteration + rec.count <= head.iteration) continue;
      if (rec.firstIteration !== head.iteration) return this.block(`chain ${this.name}: the outbox starts at iteration ${rec.firstIteration} but the key file is at ${head.iteration}`);
      const next = { key: deriveKey(head.key, rec.count), iteration: head.iteration + rec.count, previousHash: rec.lastHash };
      if (head !== keyHead) wipeKey(head.key);
      head = next;
    }
    return head;
  }

  private block(reason: string): never {
    this.state = 'blocked';
    this.blockedReason = reason;
    throw new ChainsError('ERR_CHAINS_BLOCKED', reason);
  }

  /**
   * Signs a group commit on the current head and writes it to the outbox (durable before it is
   * sent). Does not move the head: the loop does. `pipelined`: a previous commit is being
   * delivered (the chain is ready and has a head).
   */
  private async prepare(jobs: Job[], pipelined: boolean): Promise<Prepared> {
    if (!pipelined) await this.ensureReady();
    const outbox = this.outbox as ChainOutbox;
    if (this.storeDownAt > 0 && this.deps.now() - this.storeDownAt < BREAKER_MS && !(await this.deps.store.ping().catch(() => false))) {
      throw new ChainsError('ERR_CHAINS_UNAVAILABLE', `Elasticsearch is unavailable; chain ${this.name} signs nothing until it answers again`);
    }
    if (this.head === null) {
      try {
        this.head = await this.deps.keys.create(this.identity, this.deps.newKey());
      } catch (err) {
        throw new ChainsError('ERR_CHAINS_UNAVAILABLE', `chain ${this.name}: cannot create its key file: ${(err as Error).message}`, err);
      }
    }
    const logs = jobs.flatMap((j) => j.logs);
    const head0 = this.head;
    const { signed, head: head1 } = signBatch(head0, logs.map((l) => l.log), { selector: this.deps.selector(), timestampMs: this.deps.now() });
    const items: BulkItem[] = signed.map((s, i) => {
      const l = logs[i] as ChainLog;
      return { index: l.dataStream, id: `${this.name}-${s.blockchain.iteration}`, pipeline: l.pipeline, docText: signedDocumentText(l.raw, s.blockchain, s.canonicalFields) };
    });
    try {
      const { seq, body } = await outbox.appendItems({ firstIteration: head0.iteration, count: items.length, lastHash: head1.previousHash as string }, items);
      return { jobs, logs: logs.length, seq, body, items, head0, head1 };
    } catch (err) {
      wipeKey(head1.key);
      throw err;
    }
  }

  /**
   * Delivers a prepared commit; returns each log's fate in order, or rejects with a RollBack when
   * nothing of it was stored (the loop then discards it and signs those iterations again).
   */
  private async deliver(c: Prepared): Promise<('indexed' | 'dlq')[]> {
    // The bulk body is the outbox record's payload: encoded once, sent as written.
    const result = await this.deps.store.deliver(c.items, c.body);
    if (result.outcome === 'not_indexed') {
      this.storeDownAt = this.deps.now();
      // processed_logs{result="failure"} is counted by the chain service for every refused log.
      throw new RollBack(new ChainsError('ERR_CHAINS_UNAVAILABLE', `Elasticsearch did not take the batch (${result.error.reason}); nothing was stored, send it again`));
    }
    this.storeDownAt = 0;
    const fates = await this.toDlq(c.items, result, c.seq, 'commit');
    await this.finish(c.seq, c.head1);
    wipeKey(c.head0.key);
    this.lastCommitMs = this.deps.now();
    this.recent.add(fates.length, this.lastCommitMs);
    const dlq = fates.filter((f) => f === 'dlq').length;
    this.deps.metrics.logsProcessed('indexed', fates.length - dlq);
    if (dlq > 0) this.deps.metrics.logsProcessed('dlq', dlq);
    return fates;
  }

  /**
   * Moves the items without a final outcome to the DLQ. If the DLQ fails and nothing of the batch
   * was written, a new commit is rolled back (RollBack); otherwise the record stays in the outbox
   * as stuck and the chain waits for the DLQ.
   */
  private async toDlq(
    items: BulkItem[],
    result: Exclude<DeliveryResult, { outcome: 'not_indexed' }>,
    seq: number,
    origin: 'commit' | 'recovery',
  ): Promise<('indexed' | 'dlq')[]> {
    const failed = new Map<string, { type: string; reason: string }>();
    const fates = items.map((it, i): 'indexed' | 'dlq' => {
      const o = result.outcome === 'done' ? result.items[i] : undefined;
      if (o !== undefined && o.status !== 'failed') return 'indexed';
      failed.set(it.id, o?.status === 'failed' ? o.error : result.outcome === 'done' ? { type: 'unknown', reason: 'no result for this item' } : result.error);
      return 'dlq';
    });
    if (failed.size === 0) return fates;
    try {
      await this.appendToDlq(items.filter((it) => failed.has(it.id)), failed);
    } catch (err) {
      const nothingWritten = result.outcome === 'done' && fates.every((f) => f === 'dlq');
      // A recovered record can never be rolled back: it may have been sent before the crash.
      if (origin === 'recovery') throw new ChainsError('ERR_CHAINS_DLQ', `the dead letter queue cannot be written (${(err as Error).message}); chain ${this.name} waits until it can`, err);
      if (nothingWritten) {
        throw new RollBack(new ChainsError('ERR_CHAINS_DLQ', `the dead letter queue cannot be written (${(err as Error).message}); nothing was stored, send the batch again`, err));
      }
      this.stuck = { seq, items: items.filter((it) => failed.has(it.id)), error: failed };
      throw new ChainsError('ERR_CHAINS_DLQ', `the dead letter queue cannot be written (${(err as Error).message}); chain ${this.name} waits until it can`, err);
    }
    return fates;
  }

  private async appendToDlq(items: BulkItem[], errors: Map<string, { type: string; reason: string }>): Promise<void> {
    const byStream = new Map<string, BulkItem[]>();
    for (const it of items) byStream.set(it.index, [...(byStream.get(it.index) ?? []), it]);
    for (const [stream, group] of byStream) {
      await this.deps.dlq.append(this.identity.customer, stream, group.map((it) => ({ documentText: it.docText, error: errors.get(it.id) ?? null })));
    }
  }

  private async retryStuck(): Promise<void> {
    const stuck = this.stuck as NonNullable<ChainWriter['stuck']>;
    try {
      await this.appendToDlq(stuck.items, stuck.error);
    } catch (err) {
      throw new ChainsError('ERR_CHAINS_DLQ', `the dead letter queue cannot be written (${(err as Error).message}); chain ${this.name} waits until it can`, err);
    }
    this.stuck = null;
    this.deps.metrics.logsProcessed('dlq', stuck.items.length);
    await this.finish(stuck.seq, this.head as ChainHead);
  }

  /**
   * Saves the key file for `head` (the head after record `seq`: never beyond what was delivered,
   * a later commit may still be rolled back), then marks the record(s) delivered.
   */
  private async finish(seq: number, head: ChainHead): Promise<void> {
    this.unfinished.push(seq);
    try {
      await this.deps.keys.save(this.identity, head);
    } catch {
      // The head stays recoverable from key file + outbox: keep the records until a later save.
      return;
    }
    for (const s of this.unfinished.splice(0)) await (this.outbox as ChainOutbox).markDone(s);
  }
}

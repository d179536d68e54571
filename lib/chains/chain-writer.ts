import {
  canonicalFieldsOf, chainName, deriveKey, parseJson, signCanonical, signedDocumentText, wipeKey, type ChainHead, type ChainIdentity, type FieldSelector,
} from '../chain';
import { fromBulkPayload } from './bulk-payload';
import { ChainsError } from './chains-error';
import { ChainOutbox, type OutboxState } from './outbox';
import { RecentCounter } from './recent-counter';
import type { BulkItem, ChainsMetricsPort, DeliveryResult, DlqPort, KeyStorePort, StorePort } from './ports';

/** One log to sign, with where it goes. */
export interface ChainLog {
  /** The log's exact text (stored with `ES_BLOCKCHAIN` spliced in). */
  readonly raw: string;
  /**
   * Its canonical signed fields as ingest computed them (lib/chain canonicalFieldsOf), with the
   * selector they were computed with. Used only when that selector is still the one in force at
   * signing time; otherwise (or when absent) `raw` is parsed and its fields selected again.
   */
  readonly canonical?: { readonly text: string; readonly selector: FieldSelector };
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
  /** Least time between two key-file saves after deliveries (default {@link KEY_SAVE_INTERVAL_MS}; 0: after each). */
  readonly keySaveIntervalMs?: number;
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
/** Most logs sent in one `_bulk` (the commits signed while the previous one was delivered). */
export const MAX_DELIVERY_LOGS = 5000;
/** The window of `status().signedLastWindow`. */
export const SIGNED_WINDOW_SECS = 60;
/**
 * Default least time between two key-file saves after deliveries: 0, a save after every delivery
 * (El Proxy: the key file never holds a used key longer than a send). With an interval
 * (`key_save_interval_ms`), a delivery sooner after the last save leaves its record pending in
 * the outbox — exactly the state after a failed save: the head is recoverable from key file +
 * outbox, and a crash re-delivers at most that much (creates with deterministic ids answer
 * "already stored"). A save is about twelve file-system calls with two fsyncs, so an interval
 * saves CPU and disk flushes when many chains deliver every few milliseconds.
 */
export const KEY_SAVE_INTERVAL_MS = 0;
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
  /** Why the last attempt to load the chain failed (store down, another process holds it…); null once ready. */
  private loadProblem: string | null = null;
  private queue: Job[] = [];
  private queued = 0;
  private signRunning = false;
  private deliverRunning = false;
  /** Signed commits in the outbox, not sent yet (oldest first). */
  private ready: Prepared[] = [];
  /** The sign step in progress (its commit joins `ready` before it resolves). */
  private signing: Promise<void> | null = null;
  /** A delivery is in flight. */
  private delivering = false;
  /** The rollback after a failed delivery: signing waits for it. */
  private rollingBack: Promise<void> | null = null;
  /** Key-file saves and the answers after them, one at a time in delivery order. */
  private saving: Promise<void> = Promise.resolve();
  /**
   * Deliveries done whose key-file save has not started yet (oldest first). One save covers all
   * of them: the deliveries that finish while a save runs wait for the next one together.
   */
  private delivered: { batch: Prepared[]; fates: ('indexed' | 'dlq')[] }[] = [];
  private closed = false;
  private storeDownAt = 0;
  /** A delivered record whose failed items could not reach the DLQ yet. */
  private stuck: { seqs: number[]; items: BulkItem[]; error: Map<string, { type: string; reason: string }> } | null = null;
  private lastCommitMs = 0;
  /** Logs signed and delivered over the last minute (the console's per-chain rate). */
  private readonly recent = new RecentCounter(SIGNED_WINDOW_SECS);
  /** Outbox state read at the first recovery attempt, kept until recovery succeeds. */
  private recovered: OutboxState | null = null;
  /** Delivered records not covered by a key-file save yet: marked done once one succeeds. */
  private unfinished: number[] = [];
  /** The delivered head waiting for the save interval to pass (null: nothing waits). */
  private unsavedHead: ChainHead | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private lastSaveMs = Number.NEGATIVE_INFINITY;
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
    if (logs.length > this.deps.maxQueuedLogs) {
      // Never fits, however long the shipper waits: say so, so the operator sees what to change.
      // Still a 429 rather than a 4xx that Logstash would drop: the batch is kept and re-sent.
      return Promise.reject(new ChainsError('ERR_CHAINS_QUEUE_FULL', `the request holds ${logs.length} logs for chain ${this.name}, more than its queue ever takes (message_queue_size ${this.deps.maxQueuedLogs}); raise message_queue_size or send smaller batches`));
    }
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
      /** Why the chain does not sign: the block's reason, or why loading it failed last. */
      blockedReason: this.blockedReason ?? this.loadProblem,
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
    while (this.signRunning || this.deliverRunning) await new Promise((r) => setTimeout(r, 10));
    if (this.saveTimer !== null) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
      void this.inOrder(() => this.saveUnsaved()).catch(() => undefined);
    }
    await this.saving;
    await this.recovering?.catch(() => undefined); // a warm-up still uses the outbox
    for (const job of this.queue.splice(0)) job.reject(new ChainsError('ERR_CHAINS_CLOSED', 'the service is shutting down'));
    await this.outbox?.close();
    if (this.head !== null) wipeKey(this.head.key);
  }

  private kick(): void {
    if (this.signRunning || this.queue.length === 0) return;
    this.signRunning = true;
    void this.signLoop().finally(() => {
      this.signRunning = false;
      if (this.queue.length > 0 && !this.closed) this.kick();
    });
  }

  private kickDelivery(): void {
    if (this.deliverRunning || this.ready.length === 0) return;
    this.deliverRunning = true;
    void this.deliverLoop().finally(() => {
      this.deliverRunning = false;
      if (this.ready.length > 0) this.kickDelivery();
    });
  }

  /**
   * Signing, one group commit at a time: whatever requests are queued are signed on the head and
   * written to the outbox (durable), then wait in `ready` for the delivery loop. Signing goes on
   * while the store indexes earlier commits, so Signet's time and the store's overlap; only this
   * loop moves the head forward, and a rollback holds it.
   */
  private async signLoop(): Promise<void> {
    while (this.queue.length > 0) {
      if (this.rollingBack !== null) {
        await this.rollingBack;
        continue;
      }
      const step = this.signStep(this.takeJobs());
      this.signing = step;
      await step;
      this.signing = null;
    }
  }

  private async signStep(jobs: Job[]): Promise<void> {
    try {
      const commit = await this.prepare(jobs, this.delivering || this.ready.length > 0);
      this.head = commit.head1; // the iterations are consumed from here on
      this.ready.push(commit);
      this.kickDelivery();
    } catch (err) {
      for (const job of jobs) job.reject(err);
      this.queued -= countLogs(jobs);
    }
  }

  /**
   * Delivery, one `_bulk` at a time and in order: every commit signed since the last delivery goes
   * in the next one (up to MAX_DELIVERY_LOGS logs), so the store gets large requests however the
   * clients' batches fall into commits. The next delivery starts as soon as the store answered;
   * the key-file save and the callers' answers follow in order meanwhile (`saving`), one save
   * for every delivery that ended while the previous save ran (`delivered`).
   */
  private async deliverLoop(): Promise<void> {
    while (this.ready.length > 0 && this.rollingBack === null) {
      const batch = this.takeReady();
      this.delivering = true;
      let fates: ('indexed' | 'dlq')[];
      try {
        fates = await this.deliver(batch);
      } catch (failure) {
        this.delivering = false;
        this.rollingBack = this.rollBackAfter(batch, failure);
        await this.rollingBack;
        this.rollingBack = null;
        continue;
      }
      this.delivering = false;
      // Saves take several fsyncs (≈ 8 ms here) and run one at a time: when deliveries are
      // quicker than that, the ones waiting share the next save instead of queueing a save each.
      this.delivered.push({ batch, fates });
      if (this.delivered.length === 1) void this.inOrder(() => this.finishDelivered());
    }
  }

  /** Runs `op` after every key-file save queued before it (saves never overtake each other). */
  private inOrder(op: () => Promise<void>): Promise<void> {
    const run = this.saving.then(op);
    this.saving = run.catch(() => undefined);
    return run;
  }

  /** Commits signed and waiting, oldest first, up to MAX_DELIVERY_LOGS logs (at least one). */
  private takeReady(): Prepared[] {
    const batch: Prepared[] = [];
    let n = 0;
    while (this.ready.length > 0 && (batch.length === 0 || n + (this.ready[0] as Prepared).logs <= MAX_DELIVERY_LOGS)) {
      const c = this.ready.shift() as Prepared;
      batch.push(c);
      n += c.logs;
    }
    return batch;
  }

  /**
   * After a failed delivery, nothing signed later may be sent (the chain would go on past a gap):
   * the commit being signed meanwhile and every waiting one are discarded, latest first, and
   * their callers refused (they send again). A delivery that stored nothing (RollBack) is
   * discarded as well, so those iterations are signed again; otherwise its records stay pending.
   */
  private async rollBackAfter(batch: Prepared[], failure: unknown): Promise<void> {
    await this.signing; // its commit joins `ready`
    const error = failure instanceof RollBack ? failure.error : failure;
    const later = this.ready.splice(0);
    const laterError = new ChainsError('ERR_CHAINS_UNAVAILABLE', `an earlier batch of chain ${this.name} failed (${(error as Error).message}); nothing of this batch was stored, send it again`, error);
    let discarding = true;
    const drop = async (c: Prepared, err: unknown, discard: boolean) => {
      // Once one discard mark cannot be written, every earlier record stays pending too: the head
      // stays after them and the next recovery delivers them in order.
      if (discard && discarding) discarding = await this.discard(c);
      for (const job of c.jobs) job.reject(err);
      this.queued -= c.logs;
    };
    for (const c of later.reverse()) await drop(c, laterError, true);
    for (const c of [...batch].reverse()) await drop(c, error, failure instanceof RollBack);
  }

  /**
   * After one or more deliveries: the key file saved once for the head after the last of them,
   * their records marked done, their callers answered.
   */
  private async finishDelivered(): Promise<void> {
    const done = this.delivered.splice(0);
    const batch = done.flatMap((d) => d.batch);
    const fates = done.flatMap((d) => d.fates);
    try {
      await this.finish(batch.map((c) => c.seq), (batch[batch.length - 1] as Prepared).head1);
    } catch {
      // A "delivered" mark that cannot be written only means the record is delivered again by the
      // next recovery (its creates answer "already stored"): the logs are stored, answer 200.
    }
    // Each head before the batch's last: the previous save used the first, the others are interim.
    for (const c of batch) wipeKey(c.head0.key);
    // Every job of a commit shares its delivery; split the counts per job for the callers.
    let offset = 0;
    for (const c of batch) {
      for (const job of c.jobs) {
        const share = fates.slice(offset, offset + job.logs.length);
        offset += job.logs.length;
        job.resolve({ indexed: share.filter((f) => f === 'indexed').length, dlq: share.filter((f) => f === 'dlq').length });
      }
      this.queued -= c.logs;
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
   * head back to before it. If even the discard mark cannot be written (false), the record stays
   * pending and the head stays after it: its iterations are never signed again and the next
   * recovery delivers it.
   */
  private async discard(commit: Prepared): Promise<boolean> {
    try {
      await (this.outbox as ChainOutbox).markDiscarded(commit.seq);
    } catch {
      return false;
    }
    this.head = commit.head0;
    wipeKey(commit.head1.key);
    return true;
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
    this.recovering ??= this.recover()
      .then(
        () => {
          this.loadProblem = null;
        },
        (err: unknown) => {
          this.loadProblem = (err as Error).message;
          throw err;
        },
      )
      .finally(() => {
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
      await this.toDlq(items, result, [rec.seq], 'recovery');
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
    // One selector per commit (lib/serve/signed-fields.ts): fields computed at ingest with another
    // one (include_fields replaced meanwhile) are selected again.
    const selector = this.deps.selector();
    const texts = logs.map((l, i) => {
      if (l.canonical !== undefined && l.canonical.selector === selector) return l.canonical.text;
      try {
        return canonicalFieldsOf(parseJson(l.raw), selector);
      } catch (err) {
        throw new TypeError(`log ${i}: ${(err as Error).message}`, { cause: err });
      }
    });
    const { links, head: head1 } = signCanonical(head0, texts, { timestampMs: this.deps.now() });
    const items: BulkItem[] = links.map((link, i) => {
      const l = logs[i] as ChainLog;
      return { index: l.dataStream, id: `${this.name}-${link.iteration}`, pipeline: l.pipeline, docText: signedDocumentText(l.raw, link, texts[i] as string) };
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
   * Delivers commits in one `_bulk`; returns each log's fate in order, or rejects with a RollBack
   * when nothing of it was stored (the loop then discards them and signs those iterations again).
   */
  private async deliver(batch: Prepared[]): Promise<('indexed' | 'dlq')[]> {
    // The bulk body is the outbox records' payloads: encoded once, sent as written.
    const items = batch.length === 1 ? (batch[0] as Prepared).items : batch.flatMap((c) => c.items);
    const body = batch.length === 1 ? (batch[0] as Prepared).body : Buffer.concat(batch.map((c) => c.body));
    const result = await this.deps.store.deliver(items, body);
    if (result.outcome === 'not_indexed') {
      this.storeDownAt = this.deps.now();
      // processed_logs{result="failure"} is counted by the chain service for every refused log.
      throw new RollBack(new ChainsError('ERR_CHAINS_UNAVAILABLE', `Elasticsearch did not take the batch (${result.error.reason}); nothing was stored, send it again`));
    }
    this.storeDownAt = 0;
    const fates = await this.toDlq(items, result, batch.map((c) => c.seq), 'commit');
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
    seqs: number[],
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
      this.stuck = { seqs, items: items.filter((it) => failed.has(it.id)), error: failed };
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
    const head = this.head as ChainHead;
    await this.inOrder(() => this.finish(stuck.seqs, head));
  }

  /**
   * Saves the key file for `head` (the head after records `seqs`: never beyond what was
   * delivered, a later commit may still be rolled back), then marks the record(s) delivered —
   * or, within `keySaveIntervalMs` of the last save, leaves both to a timer that saves the
   * latest delivered head then. Runs in order (`inOrder`), like the timer's save.
   */
  private async finish(seqs: number[], head: ChainHead): Promise<void> {
    this.unfinished.push(...seqs);
    const wait = this.lastSaveMs + (this.deps.keySaveIntervalMs ?? KEY_SAVE_INTERVAL_MS) - this.deps.now();
    if (wait > 0 && !this.closed) {
      // The finishDelivered after a later delivery replaces this head before it wipes its key.
      this.unsavedHead = head;
      if (this.saveTimer === null) {
        this.saveTimer = setTimeout(() => {
          this.saveTimer = null;
          // A "delivered" mark that cannot be written is retried by the next save or recovery.
          void this.inOrder(() => this.saveUnsaved()).catch(() => undefined);
        }, wait);
        this.saveTimer.unref?.();
      }
      return;
    }
    await this.save(head);
  }

  private async saveUnsaved(): Promise<void> {
    if (this.unsavedHead !== null) await this.save(this.unsavedHead);
  }

  private async save(head: ChainHead): Promise<void> {
    this.unsavedHead = null;
    this.lastSaveMs = this.deps.now();
    try {
      await this.deps.keys.save(this.identity, head);
    } catch {
      // The head stays recoverable from key file + outbox: keep the records until a later save.
      return;
    }
    const done = this.unfinished.splice(0);
    for (let i = 0; i < done.length; i++) {
      try {
        await (this.outbox as ChainOutbox).markDone(done[i] as number);
      } catch (err) {
        this.unfinished.unshift(...done.slice(i)); // marked by a later save
        throw err;
      }
    }
  }
}

function countLogs(jobs: readonly Job[]): number {
  let n = 0;
  for (const job of jobs) n += job.logs.length;
  return n;
}

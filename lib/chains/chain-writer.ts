import { chainName, wipeKey, type ChainHead, type ChainIdentity } from '../chain';
import { ChainsError } from './chains-error';
import { KEY_SAVE_INTERVAL_MS, MAX_COMMIT_LOGS, MAX_DELIVERY_LOGS, RollBack, type ChainLog, type ChainWriterDeps, type CommitCounts, type Fate, type Job, type Prepared } from './commit-types';
import { ChainLoader } from './chain-loader';
import { DeliveryStats } from './delivery-stats';
import { FailedItems } from './failed-items';
import { answerJobs } from './item-fates';
import { KeyFileSaver } from './key-file-saver';
import type { ChainOutbox } from './outbox';
import { refuseJob } from './refuse-job';
import { rollBackCommits } from './roll-back-commits';
import { signCommit } from './sign-commit';
import { StoreBreaker } from './store-breaker';
import { takeBatch } from './take-batch';

/**
 * The single writer of one blockchain: a bounded FIFO, group commits, and the write protocol of
 * README.md (outbox before delivery, rollback only when nothing was written, recovery from key
 * file + outbox, refusal to sign when Elasticsearch holds iterations the key file does not).
 * The steps themselves live beside it: signing (sign-commit.ts), the delivered items' fates and
 * the DLQ (item-fates.ts, failed-items.ts), the key-file saves (key-file-saver.ts), recovery
 * (chain-loader.ts), the counts (delivery-stats.ts).
 */
export class ChainWriter {
  readonly name: string;
  private head: ChainHead | null = null;
  /** Recovery, the chain's outbox and whether it is blocked. */
  private readonly loader: ChainLoader;
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
  private readonly saver: KeyFileSaver;
  /**
   * Deliveries done whose key-file save has not started yet (oldest first). One save covers all
   * of them: the deliveries that finish while a save runs wait for the next one together.
   */
  private delivered: { batch: Prepared[]; fates: Fate[] }[] = [];
  private closed = false;
  private readonly breaker: StoreBreaker;
  /** Delivered items on their way to the DLQ, and the record stuck when the DLQ cannot take them. */
  private readonly failed: FailedItems;
  private readonly stats: DeliveryStats;

  constructor(
    readonly identity: ChainIdentity,
    private readonly deps: ChainWriterDeps,
  ) {
    this.name = chainName(identity);
    this.saver = new KeyFileSaver({
      save: (head) => deps.keys.save(identity, head),
      markDone: (seq) => (this.loader.outbox as ChainOutbox).markDone(seq),
      now: deps.now,
      intervalMs: deps.keySaveIntervalMs ?? KEY_SAVE_INTERVAL_MS,
      closing: () => this.closed,
    });
    this.breaker = new StoreBreaker(deps.store, deps.now);
    this.stats = new DeliveryStats(deps.metrics, deps.now);
    this.failed = new FailedItems({ dlq: deps.dlq, metrics: deps.metrics, customer: identity.customer, chain: this.name });
    this.loader = new ChainLoader({
      identity,
      chain: this.name,
      keys: deps.keys,
      store: deps.store,
      outboxDir: deps.outboxDir,
      settle: (items, result, seq) => this.failed.settle(items, result, [seq], 'recovery'),
      onRecovered: (head) => void (this.head = head),
    });
  }

  /** Queues logs for signing; resolves when they are durable (indexed or in the DLQ). */
  submit(logs: readonly ChainLog[]): Promise<CommitCounts> {
    if (logs.length === 0) return Promise.resolve({ indexed: 0, dlq: 0 });
    if (this.closed) return Promise.reject(new ChainsError('ERR_CHAINS_CLOSED', 'the service is shutting down'));
    const refused = refuseJob(this.name, this.queued, logs.length, this.deps.maxQueuedLogs);
    if (refused !== null) return Promise.reject(refused);
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
      state: this.loader.state,
      /** Why the chain does not sign: the block's reason, or why loading it failed last. */
      blockedReason: this.loader.problem,
      iteration: this.head?.iteration ?? null,
      lastHash: this.head?.previousHash ?? null,
      queuedLogs: this.queued,
      pendingOutbox: this.loader.outbox?.pendingCount() ?? 0,
      stuck: this.failed.isStuck,
      lastCommitMs: this.stats.lastCommitMs,
      /** Logs of this chain delivered (indexed or to the DLQ) in the last SIGNED_WINDOW_SECS seconds. */
      signedLastWindow: this.stats.signedLastWindow(),
    };
  }

  /** Recovers now (start-up), instead of on the first request. */
  async warmUp(): Promise<void> {
    if (this.loader.state === 'ready') return;
    await this.ensureReady();
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.signRunning || this.deliverRunning) await new Promise((r) => setTimeout(r, 10));
    await this.saver.flush();
    await this.loader.idle(); // a warm-up still uses the outbox
    for (const job of this.queue.splice(0)) job.reject(new ChainsError('ERR_CHAINS_CLOSED', 'the service is shutting down'));
    await this.loader.outbox?.close();
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
   * Signing, one group commit at a time: whatever requests are queued (up to MAX_COMMIT_LOGS
   * logs) are signed on the head and written to the outbox (durable), then wait in `ready` for
   * the delivery loop. Signing goes on while the store indexes earlier commits, so Signet's time
   * and the store's overlap; only this loop moves the head forward, and a rollback holds it.
   */
  private async signLoop(): Promise<void> {
    while (this.queue.length > 0) {
      if (this.rollingBack !== null) {
        await this.rollingBack;
        continue;
      }
      const step = this.signStep(takeBatch(this.queue, (j) => j.logs.length, MAX_COMMIT_LOGS));
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
      for (const job of jobs) {
        job.reject(err);
        this.queued -= job.logs.length;
      }
    }
  }

  /**
   * Delivery, one `_bulk` at a time and in order: every commit signed since the last delivery goes
   * in the next one (up to MAX_DELIVERY_LOGS logs), so the store gets large requests however the
   * clients' batches fall into commits. The next delivery starts as soon as the store answered;
   * the key-file save and the callers' answers follow in order meanwhile (the saver), one save
   * for every delivery that ended while the previous save ran (`delivered`).
   */
  private async deliverLoop(): Promise<void> {
    while (this.ready.length > 0 && this.rollingBack === null) {
      const batch = takeBatch(this.ready, (c) => c.logs, MAX_DELIVERY_LOGS);
      this.delivering = true;
      let fates: Fate[];
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
      if (this.delivered.length === 1) void this.saver.inOrder(() => this.finishDelivered());
    }
  }

  /** After a failed delivery: rolls back what cannot be sent any more (roll-back-commits.ts). */
  private async rollBackAfter(batch: Prepared[], failure: unknown): Promise<void> {
    await this.signing; // its commit joins `ready`
    await rollBackCommits(this.name, batch, this.ready.splice(0), failure, {
      markDiscarded: (seq) => (this.loader.outbox as ChainOutbox).markDiscarded(seq),
      restore: (commit) => {
        this.head = commit.head0;
        wipeKey(commit.head1.key);
      },
      refuse: (commit, err) => {
        for (const job of commit.jobs) job.reject(err);
        this.queued -= commit.logs;
      },
    });
  }

  /**
   * After one or more deliveries: the key file saved once for the head after the last of them,
   * their records marked done, their callers answered.
   */
  private async finishDelivered(): Promise<void> {
    const done = this.delivered.splice(0);
    const batch = done.flatMap((d) => d.batch);
    try {
      await this.saver.finish(batch.map((c) => c.seq), (batch[batch.length - 1] as Prepared).head1);
    } catch {
      // A "delivered" mark that cannot be written only means the record is delivered again by the
      // next recovery (its creates answer "already stored"): the logs are stored, answer 200.
    }
    // Each head before the batch's last: the previous save used the first, the others are interim.
    for (const c of batch) wipeKey(c.head0.key);
    answerJobs(batch, done.flatMap((d) => d.fates));
    for (const c of batch) this.queued -= c.logs;
  }

  private async ensureReady(): Promise<void> {
    if (this.loader.state !== 'ready') return this.loader.load();
    if (this.failed.isStuck) await this.retryStuck();
  }

  /**
   * Signs a group commit on the current head and writes it to the outbox (durable before it is
   * sent). Does not move the head: the loop does. `pipelined`: a previous commit is being
   * delivered (the chain is ready and has a head).
   */
  private async prepare(jobs: Job[], pipelined: boolean): Promise<Prepared> {
    if (!pipelined) await this.ensureReady();
    const outbox = this.loader.outbox as ChainOutbox;
    if (!(await this.breaker.allows())) {
      throw new ChainsError('ERR_CHAINS_UNAVAILABLE', `Elasticsearch is unavailable; chain ${this.name} signs nothing until it answers again`);
    }
    this.head ??= await this.loader.createKeyFile(this.deps.newKey());
    const logs = jobs.length === 1 ? (jobs[0] as Job).logs : jobs.flatMap((j) => j.logs);
    const head0 = this.head;
    // One selector per commit (lib/serve/signed-fields.ts).
    const { items, head1 } = signCommit(this.name, head0, logs, this.deps.selector(), this.deps.now());
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
  private async deliver(batch: Prepared[]): Promise<Fate[]> {
    // The bulk body is the outbox records' payloads: encoded once, sent as written.
    const items = batch.length === 1 ? (batch[0] as Prepared).items : batch.flatMap((c) => c.items);
    const body = batch.length === 1 ? (batch[0] as Prepared).body : Buffer.concat(batch.map((c) => c.body));
    const result = await this.deps.store.deliver(items, body);
    if (result.outcome === 'not_indexed') {
      this.breaker.trip();
      // processed_logs{result="failure"} is counted by the chain service for every refused log.
      throw new RollBack(new ChainsError('ERR_CHAINS_UNAVAILABLE', `Elasticsearch did not take the batch (${result.error.reason}); nothing was stored, send it again`));
    }
    this.breaker.reset();
    const fates = await this.failed.settle(items, result, batch.map((c) => c.seq), 'commit');
    this.stats.record(fates);
    return fates;
  }

  /** The stuck record's items into the DLQ, then its key-file save and "delivered" mark. */
  private async retryStuck(): Promise<void> {
    const seqs = await this.failed.retryStuck();
    const head = this.head as ChainHead;
    await this.saver.inOrder(() => this.saver.finish(seqs, head));
  }
}

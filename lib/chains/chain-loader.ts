import type { ChainHead, ChainIdentity } from '../chain';
import { ChainsError } from './chains-error';
import { ChainOutbox, type OutboxState } from './outbox';
import type { KeyStorePort, StorePort } from './ports';
import { recoverHead, type RecoverHeadInput } from './recover-head';

export type ChainState = 'idle' | 'ready' | 'blocked';

export interface ChainLoaderDeps {
  readonly identity: ChainIdentity;
  readonly chain: string;
  readonly keys: KeyStorePort;
  readonly store: StorePort;
  readonly outboxDir: string;
  readonly settle: RecoverHeadInput['settle'];
  /** Called once, when recovery succeeds, with the chain's head (null: a new chain). */
  readonly onRecovered: (head: ChainHead | null) => void;
}

/**
 * Brings one chain from its files to `ready` (recover-head.ts), once: the start-up warm-up and
 * the first requests wait for the same recovery. Owns the chain's outbox (opened here, with its
 * owner lock) and whether the chain is blocked for good or failed to load last time (tried again
 * on the next call).
 */
export class ChainLoader {
  state: ChainState = 'idle';
  /** The chain's outbox, once recovery opened it. */
  outbox: ChainOutbox | null = null;
  private blockedReason: string | null = null;
  /** Why the last attempt to load the chain failed (store down, another process holds it…); null once ready. */
  private loadProblem: string | null = null;
  /** Outbox state read at the first attempt, kept until recovery succeeds. */
  private recovered: OutboxState | null = null;
  /** The recovery in progress, shared by everyone who needs the chain ready. */
  private recovering: Promise<void> | null = null;

  constructor(private readonly deps: ChainLoaderDeps) {}

  /** Why the chain does not sign: the block's reason, or why loading it failed last. */
  get problem(): string | null {
    return this.blockedReason ?? this.loadProblem;
  }

  /** Resolves once the chain is ready; rejects with why it is not (blocked, store down…). */
  async load(): Promise<void> {
    if (this.state === 'ready') return;
    if (this.state === 'blocked') throw new ChainsError('ERR_CHAINS_BLOCKED', this.blockedReason as string);
    // One recovery at a time: a second recovery finishing after a commit would set the head back
    // to the key file's and sign those iterations again (found by the SIGKILL test: the
    // re-signed logs were "already stored", acknowledged, and lost).
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

  /** A new chain's first head: its key file created with the iteration-0 key `key0`. */
  async createKeyFile(key0: Uint8Array): Promise<ChainHead> {
    try {
      return await this.deps.keys.create(this.deps.identity, key0);
    } catch (err) {
      throw new ChainsError('ERR_CHAINS_UNAVAILABLE', `chain ${this.deps.chain}: cannot create its key file: ${(err as Error).message}`, err);
    }
  }

  /** Waits for a recovery in progress to end, however it ends (close: it still uses the outbox). */
  async idle(): Promise<void> {
    await this.recovering?.catch(() => undefined);
  }

  private async recover(): Promise<void> {
    const { identity, chain } = this.deps;
    let keyHead: ChainHead | null;
    let outbox: ChainOutbox;
    try {
      keyHead = await this.deps.keys.load(identity);
      if (this.outbox === null) {
        const opened = await ChainOutbox.open(this.deps.outboxDir, identity.customer, chain);
        this.outbox = opened.outbox;
        this.recovered = opened.state;
      }
      outbox = this.outbox;
    } catch (err) {
      throw err instanceof ChainsError ? err : new ChainsError('ERR_CHAINS_UNAVAILABLE', `chain ${chain}: cannot read its state: ${(err as Error).message}`, err);
    }
    const head = await recoverHead({
      chain,
      identity,
      keyHead,
      state: this.recovered ?? { records: [] },
      outbox,
      keys: this.deps.keys,
      store: this.deps.store,
      block: (reason) => this.block(reason),
      settle: this.deps.settle,
    });
    this.recovered = null;
    this.deps.onRecovered(head);
    this.state = 'ready';
  }

  private block(reason: string): never {
    this.state = 'blocked';
    this.blockedReason = reason;
    throw new ChainsError('ERR_CHAINS_BLOCKED', reason);
  }
}

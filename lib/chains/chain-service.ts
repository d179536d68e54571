import { chainName, identityKey, wipeKey, type ChainIdentity } from '../chain';
import { ChainsError } from './chains-error';
import { ChainWriter } from './chain-writer';
import type { ChainLog, ChainWriterDeps, CommitCounts } from './commit-types';

export interface RoutedLog extends ChainLog {
  readonly identity: ChainIdentity;
}

export interface ChainServiceDeps extends ChainWriterDeps {
  /**
   * Most blockchains this instance keeps (config `max_blockchains`; default: no limit). Every
   * chain costs an open outbox file, key files and data streams in Elasticsearch, and their
   * names come from the logs: without a limit, a shipper that puts a host name or a random value
   * into `blockchain_tag` would open chains until the process runs out of file descriptors.
   */
  readonly maxChains?: number;
}

/**
 * All chains of this instance: routes a request's logs to their chains' writers (which run in
 * parallel, each strictly in order) and answers for the request as a whole.
 */
export function createChainService(deps: ChainServiceDeps) {
  const writers = new Map<string, ChainWriter>();
  const maxChains = deps.maxChains ?? Number.POSITIVE_INFINITY;
  let closed = false;

  const writerFor = (id: ChainIdentity): ChainWriter => {
    const name = chainName(id);
    let w = writers.get(name);
    if (w === undefined) {
      w = new ChainWriter(id, deps);
      writers.set(name, w);
    }
    return w;
  };

  return {
    /**
     * Whether logs of chain `id` may be signed: null when they may (a chain this instance has — in
     * memory, or a key file on disk — or a new one within `maxChains`, whose place it then takes
     * at once, so concurrent requests cannot overshoot), else the reason they may not.
     */
    async admit(id: ChainIdentity): Promise<string | null> {
      const name = chainName(id);
      if (writers.has(name)) return null; // the common case, once per chain and request
      if (writers.size < maxChains) {
        writerFor(id);
        return null;
      }
      // At the limit: only a chain with a key file (loaded lazily, or after a restart) may open.
      // A key file that cannot be read still names an existing chain: its writer reports why.
      const exists = await deps.keys.load(id).then(
        (head) => {
          if (head === null) return false;
          wipeKey(head.key); // only its existence was asked
          return true;
        },
        () => true,
      );
      if (exists || writers.has(name)) {
        writerFor(id);
        return null;
      }
      return `blockchain ${name} would be new, but this instance already keeps max_blockchains (${maxChains}) blockchains; raise max_blockchains to start it`;
    },

    /** The chains this instance keeps (loaded or reserved) and the most it may keep. */
    capacity(): { chains: number; max: number | null } {
      return { chains: writers.size, max: Number.isFinite(maxChains) ? maxChains : null };
    },

    /**
     * Signs and stores `logs` (of any chains, in request order). Resolves when every log is
     * durable; rejects with the most severe chain error otherwise — the shipper then re-sends the
     * whole request (chains that succeeded sign the re-sent logs as new iterations, as El Proxy).
     */
    async submit(logs: readonly RoutedLog[]): Promise<CommitCounts> {
      if (closed) throw new ChainsError('ERR_CHAINS_CLOSED', 'the service is shutting down');
      // Grouped by identityKey (not validated); writerFor validates the identity once per group,
      // not for every log.
      const groups = new Map<string, { id: ChainIdentity; logs: ChainLog[] }>();
      for (const l of logs) {
        const id = l.identity;
        const key = identityKey(id);
        let g = groups.get(key);
        if (g === undefined) groups.set(key, (g = { id, logs: [] }));
        g.logs.push(l);
      }
      const list = [...groups.values()];
      const results = await Promise.allSettled(list.map((g) => writerFor(g.id).submit(g.logs)));
      // Every log of a refused chain is a failure (El Proxy's processed_logs{result="failure"}),
      // whatever refused it: the store, the DLQ, the circuit breaker, a blocked chain, a full queue.
      results.forEach((r, i) => {
        if (r.status === 'rejected') deps.metrics.logsProcessed('failure', (list[i] as (typeof list)[number]).logs.length);
      });
      const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      if (errors.length > 0) {
        // A 503 (store, disk, blocked chain) outranks a 429 (queue full): both make Logstash retry.
        const chainsErrors = errors.filter((e): e is ChainsError => e instanceof ChainsError);
        throw chainsErrors.find((e) => e.status === 503) ?? chainsErrors[0] ?? errors[0];
      }
      return results.reduce((acc, r) => (r.status === 'fulfilled' ? { indexed: acc.indexed + r.value.indexed, dlq: acc.dlq + r.value.dlq } : acc), { indexed: 0, dlq: 0 });
    },

    /** Recovers the given chains now (start-up), so outbox leftovers are delivered promptly. */
    async warmUp(ids: readonly ChainIdentity[]): Promise<{ name: string; error?: string }[]> {
      return Promise.all(
        ids.map(async (id) => {
          const w = writerFor(id);
          try {
            await w.warmUp();
            return { name: w.name };
          } catch (err) {
            return { name: w.name, error: (err as Error).message };
          }
        }),
      );
    },

    status() {
      return [...writers.values()].map((w) => w.status());
    },

    async close(): Promise<void> {
      closed = true;
      await Promise.all([...writers.values()].map((w) => w.close()));
    },
  };
}

export type ChainService = ReturnType<typeof createChainService>;

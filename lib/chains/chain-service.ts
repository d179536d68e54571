import { chainName, identityKey, type ChainIdentity } from '../chain';
import { ChainsError } from './chains-error';
import { ChainWriter, type ChainLog, type ChainWriterDeps, type CommitCounts } from './chain-writer';

export interface RoutedLog extends ChainLog {
  readonly identity: ChainIdentity;
}

/**
 * All chains of this instance: routes a request's logs to their chains' writers (which run in
 * parallel, each strictly in order) and answers for the request as a whole.
 */
export function createChainService(deps: ChainWriterDeps) {
  const writers = new Map<string, ChainWriter>();
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

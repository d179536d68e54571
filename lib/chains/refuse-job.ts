import { ChainsError } from './chains-error';

/**
 * Why a request of `logs` logs cannot join a chain's queue that holds `queued` logs of at most
 * `max` (message_queue_size), or null when it can. Both are 429 rather than a 4xx Logstash would
 * drop: the batch is kept and re-sent.
 */
export function refuseJob(chain: string, queued: number, logs: number, max: number): ChainsError | null {
  if (logs > max) {
    // Never fits, however long the shipper waits: say so, so the operator sees what to change.
    return new ChainsError('ERR_CHAINS_QUEUE_FULL', `the request holds ${logs} logs for chain ${chain}, more than its queue ever takes (message_queue_size ${max}); raise message_queue_size or send smaller batches`);
  }
  if (queued + logs > max) return new ChainsError('ERR_CHAINS_QUEUE_FULL', `the queue of chain ${chain} is full (${queued} logs waiting, message_queue_size ${max})`);
  return null;
}

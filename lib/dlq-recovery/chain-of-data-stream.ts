import { nameComponentProblem, type ChainIdentity } from '../chain';

/**
 * The blockchain a data stream belongs to. Signet (and El Proxy) name data streams
 * `{agent.type}-{agent.version}-{module}-{customer}-{retention}-{tag}` (or `{data_stream.type}-
 * {data_stream.dataset}-…`), and no component may contain a dash (lib/chain's naming rule), so the
 * last four of exactly six parts are the chain identity. The DLQ file name carries the data stream
 * the log was meant for; this is how a recovery derives the document `_id` `{chain}-{iteration}`
 * without trusting the (attacker-influenced) document body.
 * @returns the identity, or a problem naming why the name does not fit.
 */
export function chainOfDataStream(dataStream: string): { identity: ChainIdentity } | { problem: string } {
  const parts = dataStream.split('-');
  if (parts.length !== 6) return { problem: `data stream ${JSON.stringify(dataStream)} does not have the six dash-separated parts of a signed data stream` };
  for (const p of parts) {
    const why = nameComponentProblem(p);
    if (why !== null) return { problem: `data stream part ${JSON.stringify(p)} ${why}` };
  }
  const [, , module, customer, retention, tag] = parts as [string, string, string, string, string, string];
  return { identity: { module, customer, retention, tag } };
}

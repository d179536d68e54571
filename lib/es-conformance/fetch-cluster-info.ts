import type { Client } from '@elastic/elasticsearch';
import type { ClusterInfo } from './run-context';
import { parseVersion } from './version-range';

/**
 * Reads the version (`GET /`) and the cluster features every node reports (`nodes_features` in
 * `GET /_cluster/state`, Elasticsearch 8.13+). Both are optional: an unreachable cluster or one
 * without features gives an empty answer, and the tests themselves then report the problem.
 */
export async function fetchClusterInfo(client: Client, timing: { requestTimeoutMs: number }): Promise<ClusterInfo> {
  const options = { requestTimeout: timing.requestTimeoutMs, maxRetries: 0 };
  let version: string | undefined;
  try {
    const info = (await client.info({}, options)) as { version?: { number?: unknown } };
    if (typeof info.version?.number === 'string') version = info.version.number;
  } catch {
    version = undefined;
  }
  let features = new Set<string>();
  try {
    const state = (await client.cluster.state({ filter_path: 'nodes_features' } as never, options)) as {
      nodes_features?: { features?: unknown }[];
    };
    const perNode = (state.nodes_features ?? []).map((node) => new Set(Array.isArray(node.features) ? node.features.map(String) : []));
    // A feature is the cluster's only when every node has it.
    const [first, ...rest] = perNode;
    if (first) features = new Set([...first].filter((name) => rest.every((node) => node.has(name))));
  } catch {
    features = new Set();
  }
  return { version, versionParts: version === undefined ? undefined : parseVersion(version), features };
}

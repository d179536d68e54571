import { Client } from '@elastic/elasticsearch';
import { ConformanceError } from './conformance-error';
import { fetchClusterInfo } from './fetch-cluster-info';
import type { RunContext } from './run-context';
import type { WipeFn } from './run-test';
import { wipeCluster } from './wipe-cluster';

export interface ConnectOptions {
  /** Any Elasticsearch URL (`http://user:pass@host:9200` carries basic auth). */
  readonly url: string;
  /** Per-request timeout (default 30 s). */
  readonly requestTimeoutMs?: number;
  /** Per-test cap on setup + steps, and separately on teardown (default 120 s). */
  readonly testTimeoutMs?: number;
  /** Fail steps on warnings they did not declare (default false: they become notes). */
  readonly strictWarnings?: boolean;
}

export interface OpenRun {
  readonly ctx: RunContext;
  readonly wipe: WipeFn;
  close(): Promise<void>;
}

/**
 * Creates the official client for `url`, learns the cluster's version and features, and returns
 * what runTestFile needs. The cluster being down is not an error here: each test then fails with
 * the connection error, which is the more useful report.
 * @throws {ConformanceError} ERR_CONFORMANCE_USAGE when `url` is not an http(s) URL.
 */
export async function openRunContext(options: ConnectOptions): Promise<OpenRun> {
  let parsed: URL;
  try {
    parsed = new URL(options.url);
  } catch (err) {
    throw new ConformanceError('ERR_CONFORMANCE_USAGE', `invalid --url ${options.url}`, { cause: err });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConformanceError('ERR_CONFORMANCE_USAGE', `--url must be http(s), got ${parsed.protocol}`);
  }
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  // No retries anywhere: a retried request would hide the first answer and could repeat a write.
  const client = new Client({ node: options.url, requestTimeout: requestTimeoutMs, maxRetries: 0 });
  const cluster = await fetchClusterInfo(client, { requestTimeoutMs });
  const ctx: RunContext = {
    client,
    cluster,
    requestTimeoutMs,
    testTimeoutMs: options.testTimeoutMs ?? 120_000,
    strictWarnings: options.strictWarnings ?? false,
  };
  return {
    ctx,
    wipe: (tracked) => wipeCluster(client, tracked, { requestTimeoutMs }),
    close: () => client.close(),
  };
}

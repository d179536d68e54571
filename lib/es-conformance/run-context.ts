import type { Client } from '@elastic/elasticsearch';
import type { Stash } from './stash';

/** What the runner learned about the target once, before running tests. */
export interface ClusterInfo {
  /** `version.number` from `GET /`, when the cluster answered. */
  readonly version?: string;
  readonly versionParts?: readonly [number, number, number];
  /** Cluster features the nodes report (`nodes_features` of the cluster state), if any. */
  readonly features: ReadonlySet<string>;
}

/** Settings and the client shared by every test of a run. */
export interface RunContext {
  readonly client: Client;
  readonly cluster: ClusterInfo;
  readonly requestTimeoutMs: number;
  /** Wall-clock cap on one test (setup + steps + teardown); keeps a stuck server from hanging the run. */
  readonly testTimeoutMs: number;
  /** Fail on warnings a step did not declare (default: report them as notes). */
  readonly strictWarnings: boolean;
}

/** Resources a test opened that the wipe must release, and the APIs it called. */
export interface TrackedResources {
  readonly pits: Set<string>;
  readonly scrolls: Set<string>;
  readonly apis: Set<string>;
}

/** Mutable state of one running test. */
export interface TestState {
  readonly stash: Stash;
  readonly tracked: TrackedResources;
  readonly notes: string[];
  /** Aborted when the test runs out of time; every request of the test listens to it. */
  readonly signal: AbortSignal;
  /** The last response body (what assertions and `set` read). */
  lastBody: unknown;
}

/** An empty set of tracked resources. */
export function newTrackedResources(): TrackedResources {
  return { pits: new Set(), scrolls: new Set(), apis: new Set() };
}

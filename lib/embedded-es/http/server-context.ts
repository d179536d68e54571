/** What every handler can reach. */
import type { FaultController } from '../faults/fault-controller';
import type { SearchContexts } from '../search/search-contexts';
import type { Store } from '../state/store';

export interface ServerContext {
  readonly store: Store;
  readonly contexts: SearchContexts;
  readonly faults: FaultController;
  /** Node start time (for uptime-like fields). */
  readonly startedAt: number;
}

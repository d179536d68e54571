import type { Client } from '@elastic/elasticsearch';
import type { ConsoleServices } from '../auth';
import type { ChainService, StorePort } from '../chains';
import type { Config, LogLine } from '../config';
import type { Dlq } from '../dlq';
import type { KeyStore } from '../keys';
import type { SignetMetrics } from '../metrics';
import { createConsoleConfigurationService } from './console-configuration';
import { createConsoleDlqService } from './console-dlq';
import { createConsoleChainsService } from './console-chains';
import { createConsoleCorruptionsService } from './console-corruptions';
import { createConsoleVerificationService } from './console-verification';
import { createAuditLog } from '../audit';
import type { SignedFields } from './signed-fields';
import { createConsoleOverviewService } from './console-overview';
import type { OverviewHistory } from './console-overview-history';

// The console pages' services, built from what the composition root already owns. One line per
// page area: a page's service lives in its own console-*.ts file next to this one.

export interface ConsoleServiceDeps {
  readonly config: Config;
  readonly client: Client;
  readonly dlq: Dlq;
  readonly store: Pick<StorePort, 'deliver' | 'ping'>;
  readonly chains: ChainService;
  readonly keys: KeyStore;
  readonly metrics: SignetMetrics;
  readonly log: LogLine;
  readonly signedFields: SignedFields;
  /** The metrics history the Overview page charts (sampled by the composition root). */
  readonly overviewHistory: OverviewHistory;
  /** Settings waiting for a restart, as of the last SIGHUP (the Overview page's alert). */
  readonly restartPending?: () => readonly string[];
}

export function createConsoleServices(deps: ConsoleServiceDeps): ConsoleServices {
  return {
    dlq: createConsoleDlqService({ dlq: deps.dlq, client: deps.client, store: deps.store }),
    chains: createConsoleChainsService({ client: deps.client, chains: deps.chains, keys: deps.keys }),
    corruptions: createConsoleCorruptionsService({ client: deps.client, log: deps.log }),
    verification: createConsoleVerificationService({ config: deps.config, client: deps.client, keys: deps.keys, audit: createAuditLog(deps.client), log: deps.log }),
    configuration: createConsoleConfigurationService({ configDir: deps.config.configDir, defaultIncludeFields: deps.config.defaultIncludeFields, retention: deps.config.retention, signedFields: deps.signedFields }),
    overview: createConsoleOverviewService({ config: deps.config, client: deps.client, dlq: deps.dlq, keys: deps.keys, ping: () => deps.store.ping(), history: deps.overviewHistory, chainCapacity: () => deps.chains.capacity(), ...(deps.restartPending === undefined ? {} : { restartPending: deps.restartPending }) }),
  };
}

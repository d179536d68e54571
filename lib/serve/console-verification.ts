import type { Client } from '@elastic/elasticsearch';
import fs from 'node:fs';
import path from 'node:path';
import type { AuditLog } from '../audit';
import type { ConsoleVerificationService } from '../auth';
import { chainName } from '../chain';
import type { Config, LogLine } from '../config';
import type { KeyStore } from '../keys';
import { getReport, listReports } from './verification-reports';
import { createVerificationRuns } from './verification-runs';

/**
 * The console's Verification page over lib/verify, as `signet verify` uses it: runs in this
 * process (one per chain; see verification-runs.ts), the report history and single reports from
 * `signet-verification-reports`, and the chains this Signet signs for the start form.
 */
export function createConsoleVerificationService(deps: {
  config: Config;
  client: Client;
  keys: Pick<KeyStore, 'listChains'>;
  audit: AuditLog;
  log: LogLine;
  /** Default: the bundled check worker next to this bundle, when present (as `signet verify`). */
  workerFile?: string | null;
  indexingDelaySeconds?: number;
}): ConsoleVerificationService {
  const policies = deps.config.retention.policies;
  const bundledWorker = path.join(__dirname, 'verify-check-worker.cjs');
  const runs = createVerificationRuns({
    client: deps.client,
    audit: deps.audit,
    retentionDays: (r) => (Object.hasOwn(policies, r) ? (policies[r]?.days ?? null) : undefined),
    retentionNames: () => Object.keys(policies),
    stateHistoryDir: deps.config.blockchainStateHistoryDir,
    reportsDir: deps.config.verificationReportsDir,
    workerFile: deps.workerFile !== undefined ? deps.workerFile : fs.existsSync(bundledWorker) ? bundledWorker : null,
    log: deps.log,
    ...(deps.indexingDelaySeconds === undefined ? {} : { indexingDelaySeconds: deps.indexingDelaySeconds }),
  });
  return {
    async overview() {
      const ids = await deps.keys.listChains().catch((err: unknown) => {
        deps.log(`verification: cannot list chains: ${(err as Error).message}`, 'error');
        return [];
      });
      const chains = ids
        .map((id) => ({ name: chainName(id), customer: id.customer, retention: id.retention, retentionDays: policies[id.retention]?.days ?? null }))
        .sort((a, b) => a.name.localeCompare(b.name));
      return { runs: runs.list(), chains };
    },
    start: (input, actor) => runs.start(input, actor),
    cancel: async (runId, actor) => runs.cancel(runId, actor),
    reports: (q) => listReports(deps.client, q),
    report: (id) => getReport(deps.client, id),
  };
}

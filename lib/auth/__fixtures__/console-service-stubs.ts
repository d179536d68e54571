// The console services as stubs, for the console API's access-matrix tests: every route gets a
// plausible answer, so what a test sees is authentication, authorization and input checks. The
// services themselves have their own tests against real parts.
import type { AuditEvent, AuditLog, AuditPage } from '../../audit';
import { CONSOLE_ROUTES, type ConsoleContext } from '..';

/** A console context for the route tests: the embedded provider's settings, no logging, `services` as given. */
export function consoleContextWith(o: { origin: string; secret: string; audit: AuditLog; services: ConsoleContext['services'] }): ConsoleContext {
  return {
    publicUrl: o.origin,
    // Nothing listens there: logout falls back to the local logged-out page.
    issuer: 'http://127.0.0.1:9/realms/signet',
    clientId: 'signet-console',
    clientSecret: 'x',
    sessionSecret: o.secret,
    sessionMaxAgeSecs: 3600,
    roleNames: { viewer: 'signet-viewer', operator: 'signet-operator', auditor: 'signet-auditor' },
    rolesClaim: 'realm_access.roles',
    clientRoles: false,
    embeddedIdp: true,
    audit: o.audit,
    log: () => undefined,
    services: o.services,
  };
}

/** A console context whose services are stubs; `appended` collects audit events, `verificationStarts` the verification start inputs. */
export function stubConsoleContext(o: { origin: string; secret: string }): { ctx: ConsoleContext; appended: AuditEvent[]; verificationStarts: unknown[] } {
  const ORIGIN = o.origin;
  const SECRET = o.secret;
  const appended: AuditEvent[] = [];
  const audit: AuditLog = {
    append: async (e) => void appended.push(e),
    search: async (): Promise<AuditPage> => ({ total: 0, records: [] }),
  };
  // The verification service's stub: its errors are AppErrors of another copy of lib/errors (as
  // across the CLI and Next.js bundles): an Error carrying only the shared brand.
  const foreignAppError = (message: string, code: string, status: number) =>
    Object.defineProperty(Object.assign(new Error(message), { code, status, expose: true }), Symbol.for('signet.app-error'), { value: true });
  const verificationStarts: unknown[] = [];
  const sampleRun = { id: 'run-0123456789abcdef', chain: 'elproxysigned-acme-6_months-0', mode: 'full' as const, state: 'running' as const, phase: 'planning' as const, startedBy: 'auditor', startedAt: '2026-12-06T10:00:00.000Z', finishedAt: null, elapsedMs: 0, logsChecked: 0, logsTotal: null, cancelRequested: false, reportId: null, status: null, errors: null, warnings: null, problem: null };
  const verificationStub: NonNullable<ConsoleContext['services']['verification']> = {
    overview: async () => ({ runs: [], chains: [] }),
    start: async (input) => {
      verificationStarts.push(input);
      if (input.keyFile === 'not a key') throw foreignAppError('invalid key file k.json: the key is not 64 lowercase hexadecimal characters', 'ERR_VERIFY_KEY_FILE', 400);
      return sampleRun;
    },
    cancel: async () => ({ ...sampleRun, cancelRequested: true }),
    reports: async () => ({ total: 0, reports: [] }),
    report: async (id) => {
      if (id === CONSOLE_ROUTES.verificationReport.sample.id) return { report_id: id, chain: 'elproxysigned-acme-6_months-0', identity: { module: 'elproxysigned', customer: 'acme', retention: '6_months', tag: '0' }, started_at: '', finished_at: '', duration_ms: 1, mode: 'full', incremental_fallback: null, verified_from: 0, verified_to: 0, logs_checked: 1, last_full_verification_at: null, status: 'ok', exit_status: 0, warnings: [], errors: [], errors_total: 0, acknowledged: [], acknowledgements_not_evaluated: 0, unplaced_total: 0, state_history_updated: true };
      throw foreignAppError(`no verification report ${id}`, 'ERR_VERIFY_NOT_FOUND', 404);
    },
  };
  const ctx = consoleContextWith({ origin: ORIGIN, secret: SECRET, audit, services: { dlq: {
      describe: async () => ({ signed: [], rejected: [], archivedFiles: 0, unknownEntries: 0, totals: { signedEntries: 0, rejectedEntries: 0, tornFiles: 0, badLines: 0 } }),
      entries: async (q) => ({ relPath: q.file, kind: 'signed' as const, version: '1:1', total: 0, page: q.page, size: q.size, tornTail: false, entries: [] }),
      archive: async (input) => ({ relPath: input.file, archivedTo: `acme/archive_dlq/${input.file.split('/').pop() ?? ''}` }),
      startRecovery: async (files, o) => {
        const job = { id: 'j1', state: 'done' as const, startedBy: o.startedBy, startedAt: '2026-12-06T10:00:00.000Z', finishedAt: '2026-12-06T10:00:01.000Z', files: files?.map((f) => f.relPath) ?? null, progress: { currentFile: null, filesDone: 1, filesTotal: 1, entriesDone: 1, entriesTotal: 1 }, error: null,
          report: { files: [], totals: { recovered: files?.length ?? 0, alreadyStored: 0, failed: 0, badLines: 0, tornFiles: 0, remainingEntries: 0 }, rejected: { files: 0, entries: 0 }, stoppedBy: null, notAttempted: [], complete: true } };
        o.onFinish?.(job);
        return job;
      },
      recoveryStatus: async () => ({ job: null }),
    },
    verification: verificationStub,
    configuration: {
      get: async () => ({ fields: { file: '/etc/signet/elastic_blockchain_proxy_fields.toml', exists: false, version: 'absent', current: ['message'], problems: [], inForce: ['message'] }, retention: { policies: [] } }),
      saveFields: async (input) => ({ file: '/etc/signet/elastic_blockchain_proxy_fields.toml', version: 'sha256:00', before: ['message'], after: input.includeFields, created: true }),
    },
    overview: {
      describe: async () => ({
        generatedAt: new Date(0).toISOString(),
        health: { status: 'ok', store: { reachable: true }, disks: [], minFreeDiskRatio: 0.05, queues: { capacityPerChain: 1000, queuedLogs: 0, maxFill: 0, fullestChain: null, outboxPending: 0 }, chains: { total: 0, blocked: [] } },
        series: { intervalSecs: 10, capacity: 360, points: [] },
        alerts: [],
        verificationOverdueHours: 24,
      }),
    } } });
  // The Blockchains pages' service (lib/serve/console-chains.ts; its own tests use the real store).
  Object.assign(ctx.services, { chains: {
    list: async () => ({ chains: [], rateWindowSecs: 60, storeProblem: null, generatedAt: '2026-12-06T10:00:00.000Z' }),
    detail: async (name: string) => ({ found: true, detail: { chain: { name }, lastHash: null, dataStreams: [], recentLogs: [], reports: [], rateWindowSecs: 60, storeProblem: null } }),
  } });
  
  // The Corruptions page's service (stub: the route matrix checks access, the service has its own tests).
  const corruptionsStub: NonNullable<ConsoleContext['services']['corruptions']> = {
    list: async () => ({ corruptions: [], chains: [], totals: { open: 0, acknowledged: 0, chains: 0 } }),
    acknowledge: async (input) => ({ chain: 'elproxysigned-acme-6_months-0', index: 'acknowledge-elproxysigned-acme-6_months-0', documentId: 'd', corruptionId: input.corruptionId, fromIteration: 16, toIteration: 16, acknowledgedBy: 'auditor', acknowledgedAt: '2026-12-06T00:00:00.000Z' }),
    acknowledgeRange: async (input) => ({ chain: `${input.chain.module}-${input.chain.customer}-${input.chain.retention}-${input.chain.tag}`, index: 'acknowledge-x', fromIteration: 0, toIteration: 3, corruptions: 0, acknowledged: [], alreadyAcknowledged: [], failed: [] }),
  };
  Object.assign(ctx.services, { corruptions: corruptionsStub });
  return { ctx, appended, verificationStarts };
}

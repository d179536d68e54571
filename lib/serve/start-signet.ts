import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import type https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAuditLog, type AuditEvent } from '../audit';
import { startConsoleAuth } from '../console-auth';
import { createChainService } from '../chains';
import { readSecret, type Config, type LogLevel, type LogLine } from '../config';
import { createDlq } from '../dlq';
import { gracefulClose } from '../http';
import { InflightBudget, createIngestAuthenticator, createIngestService, createPreparePool, type IngestAnswered } from '../ingest';
import { createKeyStore } from '../keys';
import { createSignetMetrics } from '../metrics';
import { installServices, type SignetServices } from '../services';
import { createEsClient, createStore, ensureTemplates } from '../store';
import { createConsoleServices } from './console-services';
import { createSignedFields, type SignedFields } from './signed-fields';
import { createOverviewHistory, type OverviewHistory } from './console-overview-history';
import { createOutageLog } from './outage-log';
import { reloadSignet, type ReloadLine } from './reload-signet';
import { requestLine } from './request-log';
import { createHttpServer, type RequestHandler } from './http-server';
import { tlsServerOptions } from './tls-server-options';
import { startEmbeddedStore } from './start-embedded-store';
import { writeAnswer } from './node-adapter';
import { createStatusHandlers } from './status-handlers';

export interface StartOptions {
  readonly config: Config;
  /** Where the Next.js build (`.next/`) lives. */
  readonly projectDir: string;
  /** Serve the console (Next.js). Without it only El Proxy's API answers (on the direct path). */
  readonly console: boolean;
  /** The bundled embedded-store child entry (for `[embedded_elasticsearch] process = "child"`). */
  readonly embeddedEsChildEntry?: string;
  /** One line per event; `level` defaults to info (lib/cli service-log.ts filters and formats). */
  readonly log: LogLine;
  /** Whether lines of `level` are written (default: info and above): debug lines are built only when they are. */
  readonly logEnabled?: (level: LogLevel) => boolean;
}

export interface RunningSignet {
  readonly url: string;
  readonly elasticsearchUrl: string;
  readonly services: SignetServices;
  /** The chain service's read side (tests and the console read its writers' status). */
  readonly chains: Pick<ReturnType<typeof createChainService>, 'status'>;
  /** The signed fields in force (the console's Configuration page swaps them; tests read them). */
  readonly signedFields: SignedFields;
  /** The in-process metrics history (the console's Overview charts), sampled every 10 s. */
  readonly overviewHistory: OverviewHistory;
  /**
   * SIGHUP: the signed fields of `next` (the configuration read again) put in force, the TLS
   * certificate, key and client CA and the ingest password file read again from their configured
   * paths (connections from now on use them; on any problem what is in use stays), and the
   * settings that need a restart named (reload-signet.ts). `next` null: the configuration could
   * not be read again; only the files are. Each outcome is one log line.
   */
  reload(next: Config | null): ReloadLine[];
  close(): Promise<void>;
}

/**
 * `signet serve` — the composition root (house style §2.1): the embedded store (when
 * `elasticsearch.url` is unset; a child process or in this one, per `embedded_elasticsearch.process`),
 * the chain service, El Proxy's API and the console.
 */
export async function startSignet(o: StartOptions): Promise<RunningSignet> {
  const { config, log } = o;
  const closers: (() => Promise<void>)[] = [];
  try {
    let esUrl = config.elasticsearch.url;
    if (esUrl === null) {
      const es = await startEmbeddedStore(config, o.embeddedEsChildEntry, log);
      closers.push(() => es.close());
      esUrl = es.url;
    }
    const client = createEsClient(config.elasticsearch, { url: esUrl });
    closers.push(() => client.close());

    let chainsRef: ReturnType<typeof createChainService> | null = null;
    // El Proxy: failure_max_retries applies "for writing logs to Elasticsearch and for writing DLQ files".
    const dlq = createDlq({ dlqDir: config.dlqDir, dlqRecoveredDir: config.dlqRecoveredDir, retries: { max: config.failureMaxRetries, sleepMs: config.failureSleepMsBetweenRetries } });
    let dlqFiles = 0;
    const inflight = new InflightBudget(config.webServer.maxInflightBytes);
    // Settings changed on disk that need a restart, as of the last SIGHUP (RunningSignet.reload).
    let restartPending: readonly string[] = [];
    const metrics = createSignetMetrics({ chains: () => chainsRef?.status() ?? [], dlqFiles: () => dlqFiles, inflightBytes: () => inflight.inUse(), restartPending: () => restartPending.length });
    // `prepare`: no log is written before the index templates exist (else a plain index is created).
    const store = createStore(client, { failureMaxRetries: config.failureMaxRetries, failureSleepMsBetweenRetries: config.failureSleepMsBetweenRetries, metrics, prepare: () => ensureTemplates(client, { module: config.module, retention: config.retention }) });
    const keys = createKeyStore({ dataDir: config.dataDir, dataBackupDir: config.dataBackupDir, onWarning: (w) => log(w, 'warn') });
    // Swappable: the console's Configuration page puts a new list in force for new logs (signed-fields.ts).
    const signedFields = createSignedFields(config.fields.includeFields);
    const chains = createChainService({
      keys,
      dlq,
      store,
      metrics: { logsProcessed: (result, n) => metrics.processedLogs.inc({ result }, n) },
      outboxDir: config.outboxDir,
      maxQueuedLogs: config.messageQueueSize,
      keySaveIntervalMs: config.keySaveIntervalMs,
      maxChains: config.maxBlockchains,
      selector: signedFields.selector,
      now: Date.now,
      newKey: () => Buffer.from(randomBytes(32).toString('hex'), 'latin1'),
    });
    chainsRef = chains;
    closers.unshift(() => chains.close());

    // Parsing, routing and canonicalization on worker threads (bundled next to the CLI; without
    // the bundle, as under vitest, everything runs on this thread).
    const workerFile = path.join(__dirname, 'ingest-prepare-worker.cjs');
    const preparePool = createPreparePool({
      workers: config.webServer.ingestWorkers,
      workerFile: fs.existsSync(workerFile) ? workerFile : null,
      module: config.module,
      fields: () => ({ selector: signedFields.selector(), includeFields: signedFields.includeFields() }),
      onWorkerExit: (m) => log(m, 'warn'),
    });
    closers.push(() => preparePool.close());
    const ingestAuth = reloadableIngestAuth(config.ingest.auth);
    const ingest = createIngestService({
      maxBodyBytes: config.webServer.maxBodyBytes,
      inflight,
      module: config.module,
      selector: signedFields.selector,
      prepare: preparePool.prepare,
      authenticate: (caller) => ingestAuth.authenticate(caller),
      submit: (logs) => chains.submit(logs),
      admit: (id) => chains.admit(id),
      reject: (entries) => dlq.appendRejected(entries),
      metrics,
      onUnexpected: (err) => log(`ingest: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`, 'error'),
      onAnswered: ingestLog(log, o.logEnabled ?? ((level) => level !== 'debug' && level !== 'trace')),
    });
    const status = createStatusHandlers({ dlq, keys, chains, metrics, ping: () => store.ping(), dataDir: config.dataDir });
    const services: SignetServices = {
      ingest,
      ...status,
      metrics: async () => {
        dlqFiles = await dlq.status().then((s) => s.signedFiles + s.rejectedFiles, () => dlqFiles);
        return status.metrics();
      },
    };
    installServices(services);
    closers.push(async () => installServices(null));
    const overviewHistory = createOverviewHistory({ metrics, chains, dlq });
    overviewHistory.start();
    closers.push(async () => overviewHistory.stop());

    // Templates and ILM: created now when the store answers, else retried in the background
    // (a real cluster may come up after Signet; writes meanwhile get 503).
    const templates = () => ensureTemplates(client, { module: config.module, retention: config.retention });
    await templates().catch((err: unknown) => {
      log(`index templates not installed yet (${(err as Error).message}); retrying every 10 s`, 'warn');
      const timer = setInterval(() => void templates().then(() => (clearInterval(timer), log('index templates installed')), () => undefined), 10_000);
      timer.unref();
      closers.push(async () => clearInterval(timer));
    });

    // Chains with state on disk are recovered now, so outbox leftovers are delivered promptly.
    void keys.listChains().then(async (ids) => {
      for (const r of await chains.warmUp(ids)) if (r.error !== undefined) log(`chain ${r.name}: ${r.error}`, 'warn');
    }, (err: unknown) => log(`cannot list chains: ${(err as Error).message}`, 'error'));

    const audit = createAuditLog(client);
    let nextHandler: RequestHandler = (_req: IncomingMessage, res: ServerResponse) =>
      writeAnswer(res, { status: 404, headers: {}, body: { error: { code: 'ERR_NOT_FOUND', message: 'the console is disabled (signet serve --no-console); only the El Proxy API answers' } } });
    if (o.console) {
      // Console login (Keycloak, or the embedded OpenID provider) before Next.js takes requests.
      const consoleAuth = await startConsoleAuth(config, audit, log, createConsoleServices({ config, client, dlq, store, chains, keys, metrics, log, signedFields, overviewHistory, restartPending: () => restartPending }));
      closers.push(() => consoleAuth.close());
      log(`console login: OpenID issuer ${consoleAuth.issuer}`);
      if (consoleAuth.passwordsFile !== null) log(`embedded OpenID provider: first-start user passwords are in ${consoleAuth.passwordsFile} (mode 0600); change them with \`signet users passwd\`, then delete the file`);
      const { default: next } = await import('next');
      const app = next({ dev: false, dir: o.projectDir, hostname: config.webServer.host, port: config.webServer.port, quiet: true });
      await app.prepare();
      nextHandler = app.getRequestHandler();
      closers.push(() => app.close());
    }

    const server = createHttpServer({ tls: config.webServer.tls, next: nextHandler, services, direct: config.webServer.ingestDirect || !o.console, onError: (err) => log(`request failed: ${(err as Error).message}`, 'error') });
    const stopping = gracefulClose(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.webServer.port, config.webServer.host, () => resolve());
    });
    // First to close: the requests already received are answered while the chains and the store
    // are still open (a cut-off batch that was already stored would be stored twice on its re-send).
    closers.unshift(async () => {
      const graceMs = config.webServer.shutdownGraceMs;
      const pending = stopping.inFlight();
      if (pending > 0) log(`answering the ${pending} requests in flight before stopping (at most ${graceMs / 1000} s, web_server.shutdown_grace_ms)`);
      const { cutOff } = await stopping.close(graceMs);
      if (cutOff > 0) log(`${cutOff} requests were still unanswered after ${graceMs / 1000} s and were cut off (their shippers send them again)`, 'warn');
    });
    // What the service does by itself (a reload on SIGHUP) is audited under its own name.
    const auditByService = (e: Omit<AuditEvent, 'user'>) =>
      void audit.append({ ...e, user: SERVICE_ACTOR }).catch((err: unknown) => log(`audit: ${e.action} not recorded: ${(err as Error).message}`, 'warn'));
    const port = (server.address() as AddressInfo).port;
    const scheme = config.webServer.tls.type === 'None' ? 'http' : 'https';
    const host = config.webServer.host.includes(':') ? `[${config.webServer.host}]` : config.webServer.host;
    return {
      url: `${scheme}://${host}:${port}`,
      elasticsearchUrl: esUrl,
      services,
      chains,
      signedFields,
      overviewHistory,
      reload: (next) => {
        const done = reloadSignet({ config, signedFields, reloadTls: () => reloadTls(server, config.webServer.tls), reloadIngestPassword: () => ingestAuth.reload(), audit: auditByService }, next);
        metrics.configReloads.inc({ result: next === null ? 'invalid' : 'applied' });
        if (done.restartPending !== null) restartPending = done.restartPending;
        return done.lines;
      },
      close: async () => {
        for (const c of closers.splice(0)) await c().catch(() => undefined);
      },
    };
  } catch (err) {
    for (const c of closers.splice(0)) await c().catch(() => undefined);
    throw err;
  }
}

/** The audit log's name for the service itself. */
const SERVICE_ACTOR = { name: 'signet', roles: ['service'] } as const;

/** The TLS files read again (see {@link RunningSignet.reload}). */
function reloadTls(server: http.Server, tls: Config['webServer']['tls']): { ok: boolean; message: string } {
  if (tls.type === 'None') return { ok: true, message: 'no TLS certificate to reload (web_server.tls.type = "None")' };
  try {
    // Checked as at start-up (tls-server-options.ts): a half-written or mismatched pair is refused.
    const { cert, key, ca, minVersion } = tlsServerOptions(tls);
    (server as https.Server).setSecureContext({ cert, key, ...(ca === undefined ? {} : { ca }), minVersion });
  } catch (err) {
    return { ok: false, message: `TLS certificate not reloaded, the one in use stays: ${(err as Error).message}` };
  }
  return { ok: true, message: `TLS certificate reloaded from ${tls.certificatePath}${tls.clientCaPath === null ? '' : ` (client CA ${tls.clientCaPath})`}` };
}

/** The outage lines (outage-log.ts) and, when debug lines are written, one line per request (request-log.ts). */
function ingestLog(log: StartOptions['log'], enabled: (level: LogLevel) => boolean): (a: IngestAnswered) => void {
  const outages = createOutageLog(log);
  // Asked per answer: SIGHUP may change the level (a boolean test, the line is built only when written).
  return (a) => {
    outages(a);
    if (enabled('debug')) log(requestLine(a), 'debug');
  };
}

/** The ingest authenticator, rebuilt from a BasicAuth password file on demand (see {@link RunningSignet.reload}). */
function reloadableIngestAuth(auth: Config['ingest']['auth']) {
  let authenticate = createIngestAuthenticator(auth, readSecret);
  return {
    authenticate: (caller: Parameters<typeof authenticate>[0]) => authenticate(caller),
    reload(): { ok: boolean; message: string } | null {
      if (auth.type !== 'BasicAuth' || auth.password.kind !== 'file') return null;
      try {
        authenticate = createIngestAuthenticator(auth, readSecret);
      } catch (err) {
        return { ok: false, message: `ingest password not reloaded, the one in use stays: ${(err as Error).message}` };
      }
      return { ok: true, message: `ingest password reloaded from ${auth.password.path}` };
    },
  };
}

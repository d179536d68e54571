import type { Client } from '@elastic/elasticsearch';
import type { ConsoleChainsService } from '../auth';
import { chainName, type ChainIdentity } from '../chain';
import { SIGNED_WINDOW_SECS, type ChainService } from '../chains';
import type { KeyStore } from '../keys';
import type { ChainDataStreamDto, ChainDetailDto, ChainReportDto, ChainSummaryDto } from '../shared';
import { readChainReports } from './console-chains-reports';
import { isoOrNull, readDataStreams, readRecentLogs, readStoredHead, type StoredHead } from './console-chains-store';

// The console's Blockchains pages over what `signet serve` already owns: the chain service's
// writers (state, head, queue — in memory), the key files' names (keys.listChains: directory
// listing only, no key is read), and the store (data streams, recent logs, reports; heads and rate
// of the chains no writer of this process has recovered — a live writer knows its own).
// Read-only. Never returns key material: the writer's status holds none, and key files are
// never opened here.

/** The window of the "rate" column: logs signed per second over it (a live writer's own count, else `ES_BLOCKCHAIN.timestamp_ms` in the store). */
export const RATE_WINDOW_SECS = SIGNED_WINDOW_SECS;
/** Store reads in flight at once while listing. */
const CONCURRENCY = 8;
const MAX_REPORTS = 100;

type WriterStatus = ReturnType<ChainService['status']>[number];

export interface ConsoleChainsDeps {
  readonly client: Client;
  readonly chains: Pick<ChainService, 'status'>;
  readonly keys: Pick<KeyStore, 'listChains'>;
  readonly now?: () => number;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Settles a read into its value or its failure's message. */
async function attempt<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; problem: string }> {
  try {
    return { ok: true, value: await p };
  } catch (err) {
    return { ok: false, problem: (err as Error).message };
  }
}

/** A writer that has recovered its head: it knows the chain's head, last commit and rate. */
function hasLiveHead(writer: WriterStatus | undefined): writer is WriterStatus {
  return writer !== undefined && writer.iteration !== null;
}

function summarize(id: ChainIdentity, writer: WriterStatus | undefined, stored: StoredHead | null, streams: readonly ChainDataStreamDto[], last: ChainReportDto | null): ChainSummaryDto {
  // The writer's head is the key for the NEXT iteration: the last signed one is just below it.
  const writerHead = writer !== undefined && writer.iteration !== null && writer.iteration > 0 ? writer.iteration - 1 : null;
  const lastCommit = writer !== undefined && writer.lastCommitMs > 0 ? writer.lastCommitMs : null;
  const signedMs = Math.max(lastCommit ?? -Infinity, stored?.timestampMs ?? -Infinity);
  return {
    name: chainName(id),
    module: id.module,
    customer: id.customer,
    retention: id.retention,
    tag: id.tag,
    state: writer?.state ?? 'on_disk',
    blockedReason: writer?.blockedReason ?? null,
    headIteration: writer !== undefined && writer.iteration !== null ? writerHead : (stored?.iteration ?? null),
    storedIteration: stored?.iteration ?? null,
    lastSignedAt: Number.isFinite(signedMs) ? isoOrNull(signedMs) : null,
    // A live writer counts what it signed itself; otherwise the store's logs of the last window.
    rate: Math.round(((hasLiveHead(writer) ? writer.signedLastWindow : (stored?.recent ?? 0)) / RATE_WINDOW_SECS) * 100) / 100,
    queuedLogs: writer?.queuedLogs ?? 0,
    pendingOutbox: writer?.pendingOutbox ?? 0,
    dataStreams: streams.map((s) => s.name),
    lastVerification: last,
  };
}

/**
 * @example createConsoleChainsService({ client, chains, keys }).list()
 */
export function createConsoleChainsService(deps: ConsoleChainsDeps): ConsoleChainsService {
  const now = deps.now ?? Date.now;

  /** Loaded writers plus key files on disk, by name. */
  const known = async (): Promise<{ ids: Map<string, ChainIdentity>; writers: Map<string, WriterStatus>; problem: string | null }> => {
    const writers = new Map(deps.chains.status().map((w) => [w.name, w]));
    const ids = new Map<string, ChainIdentity>();
    for (const w of writers.values()) ids.set(w.name, w.identity);
    // An unreadable key folder (KeyStoreError: folder and errno, never key content) still lets
    // the page show the loaded chains, with the problem.
    const onDisk = await attempt(deps.keys.listChains());
    if (onDisk.ok) for (const id of onDisk.value) ids.set(chainName(id), id);
    return { ids, writers, problem: onDisk.ok ? null : onDisk.problem };
  };

  return {
    async list() {
      const { ids, writers, problem } = await known();
      const list = [...ids.values()].sort((a, b) => (chainName(a) < chainName(b) ? -1 : 1));
      const since = now() - RATE_WINDOW_SECS * 1000;
      const problems: string[] = problem === null ? [] : [problem];
      const streams = await attempt(readDataStreams(deps.client, list));
      if (!streams.ok) problems.push(streams.problem);
      const rows = await mapLimit(list, CONCURRENCY, async (id) => {
        const name = chainName(id);
        // The store's head costs a pass over the chain's logs: asked only for chains no writer of
        // this process has recovered (its head, last commit and rate are in memory). The detail
        // page still reads the highest stored iteration of every chain.
        const writer = writers.get(name);
        const [head, reports] = await Promise.all([
          hasLiveHead(writer) ? Promise.resolve({ ok: true as const, value: null }) : attempt(readStoredHead(deps.client, id, since)),
          attempt(readChainReports(deps.client, name, 1)),
        ]);
        if (!head.ok) problems.push(head.problem);
        if (!reports.ok) problems.push(reports.problem);
        return summarize(id, writers.get(name), head.ok ? head.value : null, streams.ok ? (streams.value.get(name) ?? []) : [], reports.ok ? (reports.value[0] ?? null) : null);
      });
      return { chains: rows, rateWindowSecs: RATE_WINDOW_SECS, storeProblem: problems[0] ?? null, generatedAt: new Date(now()).toISOString() };
    },

    async detail(name, logs) {
      const [module, customer, retention, tag] = name.split('-') as [string, string, string, string];
      const id: ChainIdentity = { module, customer, retention, tag };
      // Throws RangeError for a name the route's schema should have refused: a bug, a 500.
      if (chainName(id) !== name) throw new RangeError('chain name does not round-trip');
      const { ids, writers, problem } = await known();
      const writer = writers.get(name);
      const since = now() - RATE_WINDOW_SECS * 1000;
      const [head, streams, recent, reports] = await Promise.all([
        attempt(readStoredHead(deps.client, id, since)),
        attempt(readDataStreams(deps.client, [id])),
        attempt(readRecentLogs(deps.client, id, logs)),
        attempt(readChainReports(deps.client, name, MAX_REPORTS)),
      ]);
      const problems = [...(problem === null ? [] : [problem]), ...[head, streams, recent, reports].flatMap((r) => (r.ok ? [] : [r.problem]))];
      const dataStreams = streams.ok ? (streams.value.get(name) ?? []) : [];
      const reportList = reports.ok ? reports.value : [];
      const local = ids.has(name);
      const inStore = (head.ok && head.value.iteration !== null) || dataStreams.length > 0 || reportList.length > 0;
      if (!local && !inStore) {
        if (problems.length > 0) return { found: false, code: 'ERR_CONSOLE_CHAINS_STORE', message: `chain ${name} has no state in this instance and the store could not be read: ${problems[0]}` };
        return { found: false, code: 'ERR_CONSOLE_CHAIN_NOT_FOUND', message: `no blockchain named ${name}: no writer, key file, stored log, data stream or verification report` };
      }
      const stored = head.ok ? head.value : null;
      const detail: ChainDetailDto = {
        chain: summarize(id, writer, stored, dataStreams, reportList[0] ?? null),
        lastHash: writer !== undefined && writer.iteration !== null ? writer.lastHash : (stored?.hash ?? null),
        dataStreams,
        recentLogs: recent.ok ? recent.value : [],
        reports: reportList,
        rateWindowSecs: RATE_WINDOW_SECS,
        storeProblem: problems[0] ?? null,
      };
      return { found: true, detail };
    },
  };
}

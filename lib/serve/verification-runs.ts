import type { Client } from '@elastic/elasticsearch';
import type { LogLine } from '../config';
import { randomBytes } from 'node:crypto';
import type { AuditLog } from '../audit';
import type { VerificationActor } from '../auth';
import { chainIndexPattern, wipeKey, type ChainIdentity } from '../chain';
import { chainExists, indexReport, parseKeyFile, readStateHistory, verifyChain, VerifyError, writeReportFiles } from '../verify';
import type { VerificationMode, VerificationRunDto, VerificationStartInput } from '../shared';

// The console's verification runs (SPEC §8, §11): a small in-memory registry in the signet
// process. At most one run per chain at a time; each run owns the iteration-0 key it was given —
// parsed from the uploaded text, never stored, logged, audited or returned — and wipes it when it
// ends, whatever the outcome. A finished run's report is saved exactly as `signet verify` saves
// it (report files + `signet-verification-reports`) and the run is audited as `verification_run`.

/** Finished runs kept for the page (this process only; the report history is the durable record). */
const RECENT_RUNS = 20;

export interface VerificationRunDeps {
  readonly client: Client;
  readonly audit: AuditLog;
  readonly retentionDays: (retention: string) => number | null | undefined;
  readonly retentionNames: () => readonly string[];
  readonly stateHistoryDir: string;
  readonly reportsDir: string;
  /** The bundled check worker, or null to check on this thread. */
  readonly workerFile: string | null;
  readonly log: LogLine;
  readonly now?: () => number;
  /** verifyChain's `--elasticsearch-indexing-delay` (default 60 s, as the CLI). */
  readonly indexingDelaySeconds?: number;
}

interface Run {
  readonly id: string;
  readonly chain: string;
  readonly mode: VerificationMode;
  readonly actor: VerificationActor;
  readonly startedMs: number;
  readonly controller: AbortController;
  finishedMs: number | null;
  state: VerificationRunDto['state'];
  phase: VerificationRunDto['phase'];
  done: number;
  total: number | null;
  result: { reportId: string; status: NonNullable<VerificationRunDto['status']>; errors: number; warnings: number } | null;
  problem: { code: string; message: string } | null;
  cancelledBy: string | null;
}

export interface VerificationRuns {
  start(input: VerificationStartInput, actor: VerificationActor): Promise<VerificationRunDto>;
  cancel(runId: string, actor: VerificationActor): VerificationRunDto;
  list(): VerificationRunDto[];
  /** Resolves when every run has ended (tests, shutdown). */
  idle(): Promise<void>;
}

function identityOf(name: string): ChainIdentity {
  const [module, customer, retention, tag] = name.split('-') as [string, string, string, string];
  return { module, customer, retention, tag };
}

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_') ? code : 'ERR_INTERNAL';
}

export function createVerificationRuns(deps: VerificationRunDeps): VerificationRuns {
  const now = deps.now ?? Date.now;
  const active = new Map<string, Run>();
  const pending = new Set<string>();
  const recent: Run[] = [];
  const running = new Set<Promise<void>>();

  const toDto = (r: Run): VerificationRunDto => ({
    id: r.id,
    chain: r.chain,
    mode: r.mode,
    state: r.state,
    phase: r.phase,
    startedBy: r.actor.name,
    startedAt: new Date(r.startedMs).toISOString(),
    finishedAt: r.finishedMs === null ? null : new Date(r.finishedMs).toISOString(),
    elapsedMs: (r.finishedMs ?? now()) - r.startedMs,
    logsChecked: r.done,
    logsTotal: r.total,
    cancelRequested: r.controller.signal.aborted,
    reportId: r.result?.reportId ?? null,
    status: r.result?.status ?? null,
    errors: r.result?.errors ?? null,
    warnings: r.result?.warnings ?? null,
    problem: r.problem,
  });

  const audit = (actor: VerificationActor, chain: string, outcome: 'success' | 'failure', details: Record<string, string | number | boolean>) =>
    deps.audit.append({ user: { name: actor.name, roles: [...actor.roles] }, action: 'verification_run', target: chain, outcome, details }).catch((err: unknown) => deps.log(`audit: verification_run of ${chain} by ${actor.name} not recorded: ${(err as Error).message}`, 'error'));

  /** A message the page may show: exposed errors as they are, the rest named by code only. */
  const problemOf = (err: unknown): { code: string; message: string } => {
    const code = codeOf(err);
    const e = err as { expose?: unknown; message?: unknown };
    if (e.expose === true && typeof e.message === 'string') return { code, message: e.message };
    deps.log(`verification: ${code}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`, 'error');
    if (code === 'ERR_VERIFY_STORE') return { code, message: 'Elasticsearch could not be reached or refused a request; see the Signet log' };
    if (code === 'ERR_VERIFY_IO') return { code, message: 'the state history or the report folder could not be read or written; see the Signet log' };
    return { code, message: 'the verification stopped on an unexpected error; see the Signet log' };
  };

  async function execute(run: Run, key0: Uint8Array, retentionDays: number | null): Promise<void> {
    // The outcome becomes visible all at once, when everything (report, audit) is done: a run the
    // page sees finished has its report saved, and its chain is free for the next run.
    let state: VerificationRunDto['state'] = 'failed';
    let result: Run['result'] = null;
    try {
      const report = await verifyChain({
        client: deps.client,
        chain: identityOf(run.chain),
        key0,
        retentionDays,
        stateHistoryDir: deps.stateHistoryDir,
        workerFile: deps.workerFile,
        incremental: run.mode === 'incremental',
        indexingDelaySeconds: deps.indexingDelaySeconds ?? 60,
        signal: run.controller.signal,
        onProgress: (done, total) => {
          run.phase = 'checking';
          run.done = done;
          run.total = total;
        },
      });
      run.phase = 'saving';
      writeReportFiles(deps.reportsDir, report);
      try {
        await indexReport(deps.client, report);
      } catch (err) {
        run.problem = { code: codeOf(err), message: 'the report was saved as files on the server but could not be added to the report history; see the Signet log' };
        deps.log(`verification: report ${report.report_id}: ${(err as Error).message}`, 'error');
      }
      run.done = report.logs_checked;
      result = { reportId: report.report_id, status: report.status, errors: report.errors_total, warnings: report.warnings.length };
      state = 'succeeded';
      await audit(run.actor, run.chain, 'success', { report_id: report.report_id, mode: report.mode, status: report.status, errors: report.errors_total, warnings: report.warnings.length, acknowledged: report.acknowledged.length, logs_checked: report.logs_checked });
    } catch (err) {
      const problem = problemOf(err);
      state = problem.code === 'ERR_VERIFY_CANCELLED' ? 'cancelled' : 'failed';
      run.problem = problem;
      await audit(run.actor, run.chain, 'failure', { mode: run.mode, code: problem.code, logs_checked: run.done, ...(state === 'cancelled' ? { cancelled_by: run.cancelledBy ?? '' } : {}) });
    } finally {
      wipeKey(key0);
      run.state = state;
      run.result = result;
      run.phase = 'done';
      run.finishedMs = now();
      active.delete(run.chain);
      recent.unshift(run);
      recent.length = Math.min(recent.length, RECENT_RUNS);
    }
  }

  return {
    async start(input, actor) {
      const refuse = async (err: VerifyError): Promise<never> => {
        await audit(actor, input.chain, 'failure', { mode: input.mode, code: err.code });
        throw err;
      };
      const identity = identityOf(input.chain);
      const days = deps.retentionDays(identity.retention);
      if (days === undefined) {
        return refuse(new VerifyError('ERR_VERIFY_INPUT', `unknown retention "${identity.retention}" in chain ${input.chain} (configured: ${deps.retentionNames().join(', ')})`));
      }
      const busy = active.get(input.chain);
      if (busy !== undefined || pending.has(input.chain)) {
        const by = busy === undefined ? '' : ` (started by ${busy.actor.name} at ${new Date(busy.startedMs).toISOString()})`;
        return refuse(new VerifyError('ERR_VERIFY_RUN_ACTIVE', `a verification of ${input.chain} is already running${by}; wait for it to finish or cancel it`));
      }
      pending.add(input.chain);
      let key0: Uint8Array | null = null;
      try {
        // The text becomes bytes only here; the copy is wiped as soon as the key is parsed.
        const raw = Buffer.from(input.keyFile, 'utf8');
        try {
          key0 = parseKeyFile(raw, input.fileName ?? 'the uploaded key file');
        } catch (err) {
          return await refuse(err as VerifyError);
        } finally {
          raw.fill(0);
        }
        let known: boolean;
        try {
          known = (await chainExists(deps.client, chainIndexPattern(identity))) || readStateHistory(deps.stateHistoryDir, input.chain) !== null;
        } catch (err) {
          await audit(actor, input.chain, 'failure', { mode: input.mode, code: codeOf(err) });
          throw err;
        }
        if (!known) return await refuse(new VerifyError('ERR_VERIFY_UNKNOWN_CHAIN', `unknown chain ${input.chain}: no data stream matches ${chainIndexPattern(identity)} and there is no state history for it`));
        const run: Run = {
          id: `run-${randomBytes(8).toString('hex')}`,
          chain: input.chain,
          mode: input.mode,
          actor: { name: actor.name, roles: [...actor.roles] },
          startedMs: now(),
          controller: new AbortController(),
          finishedMs: null,
          state: 'running',
          phase: 'planning',
          done: 0,
          total: null,
          result: null,
          problem: null,
          cancelledBy: null,
        };
        active.set(run.chain, run);
        const owned = key0;
        key0 = null; // the run owns (and wipes) it from here
        const p = execute(run, owned, days);
        running.add(p);
        void p.finally(() => running.delete(p));
        return toDto(run);
      } finally {
        pending.delete(input.chain);
        if (key0 !== null) wipeKey(key0);
      }
    },
    cancel(runId, actor) {
      const run = [...active.values()].find((r) => r.id === runId) ?? recent.find((r) => r.id === runId);
      if (run === undefined) throw new VerifyError('ERR_VERIFY_NOT_FOUND', `no verification run ${runId} in this Signet process (runs are kept until Signet restarts)`);
      if (run.state === 'running' && !run.controller.signal.aborted) {
        run.cancelledBy = actor.name;
        run.controller.abort();
      }
      return toDto(run);
    },
    list() {
      return [...[...active.values()].sort((a, b) => b.startedMs - a.startedMs), ...recent].map(toDto);
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}

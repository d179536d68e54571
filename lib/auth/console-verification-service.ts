import type { VerificationOverviewDto, VerificationReportDto, VerificationReportPageDto, VerificationReportsQuery, VerificationRunDto, VerificationStartInput } from '../shared';

// The Verification page's service (SPEC §8, §11), implemented by lib/serve/console-verification.ts
// over lib/verify (the same verifyChain, writeReportFiles and indexReport as `signet verify`).

/** Who asked (recorded in the audit log with the run). */
export interface VerificationActor {
  readonly name: string;
  readonly roles: readonly string[];
}

/**
 * Starts, follows and cancels verification runs in the signet process and reads the report
 * history. Errors are AppErrors with `ERR_VERIFY_*` codes (see lib/verify VerifyError).
 */
export interface ConsoleVerificationService {
  /** Runs of this process (running first) and the chains the start form offers. */
  overview(): Promise<VerificationOverviewDto>;
  /**
   * Parses the key file (400 `ERR_VERIFY_KEY_FILE` when it is not an iteration-0 key), checks the
   * chain (400 `ERR_VERIFY_UNKNOWN_CHAIN`, `ERR_VERIFY_INPUT`) and that no run of it is active
   * (409 `ERR_VERIFY_RUN_ACTIVE`), then runs in the background. The key lives in memory for that
   * run only and is wiped when it ends.
   */
  start(input: VerificationStartInput, actor: VerificationActor): Promise<VerificationRunDto>;
  /** Asks a running run to stop (404 `ERR_VERIFY_NOT_FOUND` for an unknown run id). */
  cancel(runId: string, actor: VerificationActor): Promise<VerificationRunDto>;
  /** The `signet-verification-reports` history, newest first. */
  reports(query: VerificationReportsQuery): Promise<VerificationReportPageDto>;
  /** One report (404 `ERR_VERIFY_NOT_FOUND`). */
  report(id: string): Promise<VerificationReportDto>;
}

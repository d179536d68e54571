import type { ChainIdentity, ErrorCode, WarningCode } from '../chain';
import type { UnplacedDocument } from './check-page';

/** One error of a verification (reference §8.5), as reported and stored. */
export interface ReportError {
  readonly code: ErrorCode;
  /** Human label ("Missing logs", "Wrong Log Hash", …). */
  readonly type: string;
  /** Null only for "Empty Blockchain Corruption" (El Proxy gives it none). */
  readonly corruption_id: string | null;
  readonly from_iteration?: number;
  readonly to_iteration?: number;
  readonly iteration?: number;
  readonly expected_hash?: string | null;
  readonly found_hash?: string | null;
  readonly expected_previous_hash?: string | null;
  readonly found_previous_hash?: string | null;
  readonly acknowledgement_id?: string;
  readonly detail?: string;
}

/** An error that a valid acknowledgement resolves (shown, never counted as an error). */
export interface ReportAcknowledged extends ReportError {
  readonly acknowledgement: { id: string; acknowledged_by: string; acknowledged_at: string; description: string; reason: string };
}

export interface ReportWarning {
  readonly code: WarningCode;
  readonly message: string;
  readonly iterations?: number[];
}

export type VerificationStatus = 'ok' | 'warning' | 'critical';

/** The verification report: printed as El Proxy's text, stored as JSON, indexed for the console. */
export interface VerificationReport {
  readonly report_version: 1;
  readonly report_id: string;
  readonly chain: string;
  readonly identity: ChainIdentity;
  readonly started_at: string;
  readonly finished_at: string;
  readonly duration_ms: number;
  readonly mode: 'full' | 'incremental';
  /** Why an incremental run verified everything instead (boundary log changed, no history, …). */
  readonly incremental_fallback: string | null;
  /** Iterations this run verified (null bounds: nothing read). */
  readonly verified_from: number | null;
  readonly verified_to: number | null;
  readonly logs_checked: number;
  /** When the history before `verified_from` was last verified in full (incremental runs). */
  readonly last_full_verification_at: string | null;
  readonly status: VerificationStatus;
  /** Nagios convention: 0 OK, 1 WARNING, 2 CRITICAL. */
  readonly exit_status: 0 | 1 | 2;
  readonly warnings: ReportWarning[];
  readonly errors: ReportError[];
  readonly errors_total: number;
  readonly acknowledged: ReportAcknowledged[];
  readonly acknowledgements_not_evaluated: number;
  readonly unplaced_documents: UnplacedDocument[];
  readonly unplaced_total: number;
  readonly state_history_updated: boolean;
  readonly timings_ms: { read_and_check: number; acknowledgements: number };
}

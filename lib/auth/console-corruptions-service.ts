import type { AuditLog } from '../audit';
import type { AcknowledgeInput, AcknowledgeRangeInput, AcknowledgeRangeResultDto, AcknowledgeResultDto, CorruptionsOverviewDto } from '../shared';

/** Who acts, as the audit log records them, and the log to record in. */
export interface ConsoleActor {
  readonly name: string;
  readonly roles: readonly string[];
  readonly audit: Pick<AuditLog, 'append'>;
}

/**
 * What the console's Corruptions page may do (lib/serve/console-corruptions.ts): list open and
 * acknowledged corruptions from the latest verification report of each chain and the
 * acknowledgement indices, and acknowledge one corruption or a time range exactly as
 * `signet acknowledge` / `signet acknowledge-range` do. The key file in the inputs is used for
 * that call only and wiped; it is never stored, logged or returned. Each acknowledgement is
 * audited (`acknowledge`, target the acknowledgement index, the CorruptionId in the details).
 */
export interface ConsoleCorruptionsService {
  list(): Promise<CorruptionsOverviewDto>;
  /** @throws VerifyError (400: bad CorruptionId, key file, wrong key, already acknowledged; 503: store). */
  acknowledge(input: AcknowledgeInput, by: ConsoleActor): Promise<AcknowledgeResultDto>;
  /** @throws VerifyError as `acknowledge`. */
  acknowledgeRange(input: AcknowledgeRangeInput, by: ConsoleActor): Promise<AcknowledgeRangeResultDto>;
}

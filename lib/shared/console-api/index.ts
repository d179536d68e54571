// The console API's request schemas and answer DTOs (browser and server share them).
export { auditQuerySchema, AUDIT_ACTION_NAMES, AUDIT_OUTCOMES, type AuditQueryInput, type AuditRecordDto, type AuditPageDto } from './audit-api';
export { emptyQuerySchema, logoutBodySchema, type SessionDto, type LogoutDto } from './session-api';
export { CONSOLE_PAGES, type ConsolePageDef } from './console-pages';
export {
  dlqListQuerySchema,
  dlqRecoverBodySchema,
  dlqRelPathSchema,
  type DlqRecoverInput,
  type DlqFileDto,
  type DlqOverviewDto,
  type DlqRecoverFileDto,
  type DlqRecoverReportDto,
} from './dlq-api';
export {
  chainNameSchema,
  reportIdSchema,
  runIdSchema,
  MAX_KEY_FILE_CHARS,
  VERIFICATION_MODES,
  verificationStartBodySchema,
  verificationCancelBodySchema,
  verificationOverviewQuerySchema,
  verificationReportsQuerySchema,
  verificationReportQuerySchema,
  type VerificationMode,
  type VerificationStartInput,
  type VerificationReportsQuery,
  type VerificationRunState,
  type VerificationStatusDto,
  type VerificationRunDto,
  type VerificationChainDto,
  type VerificationOverviewDto,
  type VerificationReportErrorDto,
  type VerificationReportAcknowledgedDto,
  type VerificationReportWarningDto,
  type VerificationReportSummaryDto,
  type VerificationReportPageDto,
  type VerificationReportDto,
} from './verification-api';

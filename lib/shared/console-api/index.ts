// The console API's request schemas and answer DTOs (browser and server share them).
export { auditQuerySchema, AUDIT_ACTION_NAMES, AUDIT_OUTCOMES, type AuditQueryInput, type AuditRecordDto, type AuditPageDto } from './audit-api';
export { emptyQuerySchema, logoutBodySchema, type SessionDto, type LogoutDto } from './session-api';
export { CONSOLE_PAGES, type ConsolePageDef } from './console-pages';
export {
  dlqListQuerySchema,
  dlqRecoverBodySchema,
  dlqRelPathSchema,
  dlqVersionSchema,
  dlqRecoveryQuerySchema,
  dlqEntriesQuerySchema,
  dlqArchiveBodySchema,
  DLQ_ENTRY_TEXT_MAX,
  type DlqEntriesQuery,
  type DlqArchiveInput,
  type DlqEntryDto,
  type DlqEntriesDto,
  type DlqArchiveResultDto,
  type DlqRecoveryJobDto,
  type DlqRecoveryStatusDto,
  type DlqRecoverInput,
  type DlqFileDto,
  type DlqOverviewDto,
  type DlqRecoverFileDto,
  type DlqRecoverReportDto,
} from './dlq-api';
export {
  configurationQuerySchema,
  saveFieldsBodySchema,
  type SaveFieldsInput,
  type SignedFieldsDto,
  type RetentionPolicyDto,
  type ConfigurationDto,
  type SaveFieldsResultDto,
} from './configuration-api';

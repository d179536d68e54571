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
  overviewQuerySchema,
  type OverviewAlertDto,
  type OverviewAlertKind,
  type OverviewDiskDto,
  type OverviewDto,
  type OverviewHealthDto,
  type OverviewPointDto,
  type OverviewSeriesDto,
} from './overview-api';

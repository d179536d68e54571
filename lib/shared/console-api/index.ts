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
  chainNameProblem,
  chainComponentProblem,
  chainsListQuerySchema,
  chainDetailQuerySchema,
  CHAIN_NAME_COMPONENT_MAX,
  type ChainDetailQuery,
  type ChainReportDto,
  type ChainDataStreamDto,
  type ChainSummaryDto,
  type ChainsListDto,
  type SignedLogDto,
  type ChainDetailDto,
} from './chains-api';
export {
  corruptionsListQuerySchema,
  acknowledgeBodySchema,
  acknowledgeRangeBodySchema,
  type AcknowledgeInput,
  type AcknowledgeRangeInput,
  type CorruptionAcknowledgementDto,
  type CorruptionStatus,
  type CorruptionDto,
  type CorruptionChainDto,
  type CorruptionsOverviewDto,
  type AcknowledgeResultDto,
  type AcknowledgeRangeResultDto,
} from './corruptions-api';

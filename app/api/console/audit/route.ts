import { CONSOLE_ROUTES, withConsoleAuth } from '@/lib/server';
import { auditQuerySchema, type AuditPageDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/** The audit log, newest first, filtered and paged (viewer and up). Read-only by design. */
export const GET = withConsoleAuth(CONSOLE_ROUTES.auditList, auditQuerySchema, async ({ input, ctx }): Promise<AuditPageDto> => {
  const result = await ctx.audit.search(input);
  return { total: result.total, page: input.page, size: input.size, records: result.records };
});

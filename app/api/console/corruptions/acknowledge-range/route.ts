import { CONSOLE_ROUTES, requireConsoleService, withConsoleAuth } from '@/lib/server';
import { acknowledgeRangeBodySchema, type AcknowledgeRangeResultDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/**
 * Acknowledges every corruption of a chain signed in [from, to) as `signet acknowledge-range`
 * does (auditors; same-origin). The key file is used for this request only; audited by the service.
 */
export const POST = withConsoleAuth(CONSOLE_ROUTES.corruptionsAcknowledgeRange, acknowledgeRangeBodySchema, async ({ input, user, ctx }): Promise<AcknowledgeRangeResultDto> =>
  requireConsoleService(ctx, 'corruptions').acknowledgeRange(input, { name: user.username, roles: user.roles, audit: ctx.audit }),
);

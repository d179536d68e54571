import { CONSOLE_ROUTES, requireConsoleService, withConsoleAuth } from '@/lib/server';
import { acknowledgeBodySchema, type AcknowledgeResultDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/**
 * Acknowledges one corruption as `signet acknowledge` does (auditors; same-origin). The key file
 * in the body is used for this request only; the service audits `acknowledge` itself.
 */
export const POST = withConsoleAuth(CONSOLE_ROUTES.corruptionsAcknowledge, acknowledgeBodySchema, async ({ input, user, ctx }): Promise<AcknowledgeResultDto> =>
  requireConsoleService(ctx, 'corruptions').acknowledge(input, { name: user.username, roles: user.roles, audit: ctx.audit }),
);

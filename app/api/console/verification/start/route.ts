import { CONSOLE_ROUTES, requireConsoleService, withConsoleAuth } from '@/lib/server';
import { verificationStartBodySchema, type VerificationRunDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/**
 * Starts a verification of one chain with the iteration-0 key file sent in the body (auditors;
 * same-origin). The key is held in memory for that run only; the run is audited as
 * `verification_run` by the service, with its outcome and counts, never the key.
 */
export const POST = withConsoleAuth(CONSOLE_ROUTES.verificationStart, verificationStartBodySchema, async ({ input, user, ctx }): Promise<VerificationRunDto> =>
  requireConsoleService(ctx, 'verification').start(input, { name: user.username, roles: user.roles }),
);

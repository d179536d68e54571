import { CONSOLE_ROUTES, requireConsoleService, withConsoleAuth } from '@/lib/server';
import { verificationCancelBodySchema, type VerificationRunDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/** Cancels a running verification (auditors; same-origin); the run's end is audited with who cancelled it. */
export const POST = withConsoleAuth(CONSOLE_ROUTES.verificationCancel, verificationCancelBodySchema, async ({ input, user, ctx }): Promise<VerificationRunDto> =>
  requireConsoleService(ctx, 'verification').cancel(input.runId, { name: user.username, roles: user.roles }),
);

import { CONSOLE_ROUTES, requireConsoleService, withConsoleAuth } from '@/lib/server';
import { verificationOverviewQuerySchema, type VerificationOverviewDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/** Verification runs of this Signet (running first) and the chains one can verify (viewer and up). */
export const GET = withConsoleAuth(CONSOLE_ROUTES.verificationOverview, verificationOverviewQuerySchema, async ({ ctx }): Promise<VerificationOverviewDto> =>
  requireConsoleService(ctx, 'verification').overview(),
);

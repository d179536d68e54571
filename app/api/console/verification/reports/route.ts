import { CONSOLE_ROUTES, requireConsoleService, withConsoleAuth } from '@/lib/server';
import { verificationReportsQuerySchema, type VerificationReportPageDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/** The report history (`signet-verification-reports`), newest first, optionally one chain's (viewer and up). */
export const GET = withConsoleAuth(CONSOLE_ROUTES.verificationReports, verificationReportsQuerySchema, async ({ input, ctx }): Promise<VerificationReportPageDto> =>
  requireConsoleService(ctx, 'verification').reports(input),
);

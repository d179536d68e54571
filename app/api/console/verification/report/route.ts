import { CONSOLE_ROUTES, requireConsoleService, withConsoleAuth } from '@/lib/server';
import { verificationReportQuerySchema, type VerificationReportDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/** One verification report with its errors, warnings and acknowledged entries (viewer and up). */
export const GET = withConsoleAuth(CONSOLE_ROUTES.verificationReport, verificationReportQuerySchema, async ({ input, ctx }): Promise<VerificationReportDto> =>
  requireConsoleService(ctx, 'verification').report(input.id),
);

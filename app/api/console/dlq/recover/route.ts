import { CONSOLE_ROUTES, requireConsoleDlq, withConsoleAuth } from '@/lib/server';
import { dlqRecoverBodySchema, type DlqRecoverReportDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/** Recovers the DLQ's signed logs, all or `files` (operators; same-origin; audited as `dlq_recover`). */
export const POST = withConsoleAuth(CONSOLE_ROUTES.dlqRecover, dlqRecoverBodySchema, async ({ input, ctx }): Promise<DlqRecoverReportDto> => requireConsoleDlq(ctx).recover(input.files));

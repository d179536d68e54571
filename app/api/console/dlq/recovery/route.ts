import { CONSOLE_ROUTES, requireConsoleDlq, withConsoleAuth } from '@/lib/server';
import { dlqRecoveryQuerySchema, type DlqRecoveryStatusDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/** The running DLQ recovery with its progress, or the last one with its result summary (viewer and up). */
export const GET = withConsoleAuth(CONSOLE_ROUTES.dlqRecovery, dlqRecoveryQuerySchema, async ({ ctx }): Promise<DlqRecoveryStatusDto> => requireConsoleDlq(ctx).recoveryStatus());

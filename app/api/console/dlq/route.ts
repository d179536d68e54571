import { CONSOLE_ROUTES, requireConsoleDlq, withConsoleAuth } from '@/lib/server';
import { dlqListQuerySchema, type DlqOverviewDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/** The dead letter queue: signed files waiting for recovery and the rejected area (viewer and up). */
export const GET = withConsoleAuth(CONSOLE_ROUTES.dlqList, dlqListQuerySchema, async ({ ctx }): Promise<DlqOverviewDto> => requireConsoleDlq(ctx).describe());

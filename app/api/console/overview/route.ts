import { CONSOLE_ROUTES, requireConsoleService, withConsoleAuth } from '@/lib/server';
import { overviewQuerySchema, type OverviewDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/** The Overview page: health, the metrics history and alerts (viewer and up). */
export const GET = withConsoleAuth(CONSOLE_ROUTES.overview, overviewQuerySchema, async ({ ctx }): Promise<OverviewDto> => requireConsoleService(ctx, 'overview').describe());

import { CONSOLE_ROUTES, requireConsoleService, withConsoleAuth } from '@/lib/server';
import { corruptionsListQuerySchema, type CorruptionsOverviewDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/** Open and acknowledged corruptions of every chain, from the latest reports and the acknowledgement indices (viewer and up). */
export const GET = withConsoleAuth(CONSOLE_ROUTES.corruptionsList, corruptionsListQuerySchema, async ({ ctx }): Promise<CorruptionsOverviewDto> => requireConsoleService(ctx, 'corruptions').list());

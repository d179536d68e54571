import { CONSOLE_ROUTES, requireConsoleService, withConsoleAuth } from '@/lib/server';
import { chainsListQuerySchema, type ChainsListDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/** Every blockchain: loaded writers and chains with a key file, with head, rate, streams and last verification (viewer and up). */
export const GET = withConsoleAuth(CONSOLE_ROUTES.chainsList, chainsListQuerySchema, async ({ ctx }): Promise<ChainsListDto> => requireConsoleService(ctx, 'chains').list());

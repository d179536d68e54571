import { CONSOLE_ROUTES, ConsoleChainsError, requireConsoleService, withConsoleAuth } from '@/lib/server';
import { chainDetailQuerySchema, type ChainDetailDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/** Recent signed logs shown by default on the detail page. */
const DEFAULT_LOGS = 30;

/** One blockchain (`?chain={module}-{customer}-{retention}-{tag}`): head, last hash, data streams, recent logs, reports. 404 when unknown. */
export const GET = withConsoleAuth(CONSOLE_ROUTES.chainDetail, chainDetailQuerySchema, async ({ ctx, input }): Promise<ChainDetailDto> => {
  const r = await requireConsoleService(ctx, 'chains').detail(input.chain, input.logs ?? DEFAULT_LOGS);
  if (!r.found) throw new ConsoleChainsError(r.code, r.message);
  return r.detail;
});

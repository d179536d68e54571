import { CONSOLE_ROUTES, requireConsoleDlq, withConsoleAuth } from '@/lib/server';
import { dlqEntriesQuerySchema, type DlqEntriesDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/** One page of a DLQ file's entries with each Elasticsearch error and document, searchable (viewer and up). */
export const GET = withConsoleAuth(CONSOLE_ROUTES.dlqEntries, dlqEntriesQuerySchema, async ({ input, ctx }): Promise<DlqEntriesDto> => requireConsoleDlq(ctx).entries(input));

import { CONSOLE_ROUTES, requireConsoleDlq, runAudited, withConsoleAuth } from '@/lib/server';
import { dlqArchiveBodySchema, type DlqArchiveResultDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/**
 * Moves one DLQ file into its `archive_dlq` folder (operators; same-origin); 409 when the file
 * changed since it was listed. Audited as `dlq_archive` on the file, with where it went.
 */
export const POST = withConsoleAuth(CONSOLE_ROUTES.dlqArchive, dlqArchiveBodySchema, async (r): Promise<DlqArchiveResultDto> =>
  runAudited(r, 'dlq_archive', r.input.file, () => requireConsoleDlq(r.ctx).archive(r.input), (a) => ({ archivedTo: a.archivedTo })),
);

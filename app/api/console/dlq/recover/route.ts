import { CONSOLE_ROUTES, requireConsoleDlq, withConsoleAuth } from '@/lib/server';
import { dlqRecoverBodySchema, type DlqRecoveryJobDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/**
 * Starts recovering the DLQ's signed logs in the background, all or `files` at their listed
 * versions (operators; same-origin). The start is audited as `dlq_recover` (withConsoleAuth); the
 * outcome is audited when the run ends, with its counts. Poll GET /api/console/dlq/recovery.
 */
export const POST = withConsoleAuth(CONSOLE_ROUTES.dlqRecover, dlqRecoverBodySchema, async ({ input, ctx, user }): Promise<DlqRecoveryJobDto> =>
  requireConsoleDlq(ctx).startRecovery(input.files, {
    startedBy: user.username,
    onFinish: (job) => {
      const t = job.report?.totals;
      const details: Record<string, string | number | boolean> = t === undefined ? { phase: 'finished', code: job.error?.code ?? 'ERR_INTERNAL' } : { phase: 'finished', recovered: t.recovered, alreadyStored: t.alreadyStored, failed: t.failed, remaining: t.remainingEntries, complete: job.report?.complete === true };
      void ctx.audit
        .append({ user: { name: user.username, roles: user.roles }, action: 'dlq_recover', target: job.files === null ? 'all signed files' : job.files.slice(0, 20).join(', '), outcome: job.state === 'done' ? 'success' : 'failure', details })
        .catch((err: unknown) => ctx.log(`audit: dlq_recover outcome not recorded: ${(err as Error).message}`));
    },
  }),
);

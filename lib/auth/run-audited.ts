// One audit record per state-changing console action, with its own target and details.
import type { AuditAction } from '../audit';
import type { ConsoleRequest } from './with-console-auth';

type Details = Readonly<Record<string, string | number | boolean>>;

/**
 * Runs a state-changing console action and records ONE audit entry with its own target and
 * details (a route registered without `audit:` uses this instead of withConsoleAuth's generic
 * record): `success` with `details(result)`, or `failure` with the error code. An audit-log
 * failure is logged server-side and does not undo the action.
 * @example return runAudited(r, 'dlq_archive', input.file, () => dlq.archive(input), (a) => ({ archivedTo: a.relPath }));
 */
export async function runAudited<T>(r: ConsoleRequest<unknown>, action: AuditAction, target: string, fn: () => Promise<T>, details?: (result: T) => Details): Promise<T> {
  const user = { name: r.user.username, roles: r.user.roles };
  const record = (outcome: 'success' | 'failure', d?: Details) =>
    r.ctx.audit.append({ user, action, target, outcome, ...(d ? { details: d } : {}) }).catch((err: unknown) => r.ctx.log(`audit: ${action} by ${user.name} not recorded: ${(err as Error).message}`));
  let result: T;
  try {
    result = await fn();
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    await record('failure', { code: typeof code === 'string' ? code : 'ERR_INTERNAL' });
    throw err;
  }
  await record('success', details?.(result));
  return result;
}

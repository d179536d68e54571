import type { Client } from '@elastic/elasticsearch';
import { createAuditLog, type AuditEvent } from '../audit';

/**
 * Records a command-line action in the `signet-audit` index, next to the console's, so the audit
 * log shows every verification run and acknowledgement whichever front end ran it. The actor is
 * the name the command already records (`--actor` or the OS user); the role is `cli`. An audit
 * store that cannot be written is a warning, not a failure: the action itself has happened and
 * its own record (report, acknowledgement document) is already stored.
 */
export async function auditCliAction(client: Client, actor: string, event: Omit<AuditEvent, 'user'>): Promise<void> {
  try {
    await createAuditLog(client).append({ ...event, user: { name: actor, roles: ['cli'] } });
  } catch (err) {
    process.stderr.write(`signet: warning: the action was not recorded in the audit log (${(err as Error).message})\n`);
  }
}

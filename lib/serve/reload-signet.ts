// What a running Signet takes from its configuration read again (SIGHUP, `systemctl reload`).
import type { AuditEvent } from '../audit';
import { FIELDS_FILE, type Config } from '../config';
import { changedSettings } from './changed-settings';
import type { SignedFields } from './signed-fields';

/** One outcome of a reload, as a log line (`ok` false: a warning). */
export interface ReloadLine {
  readonly ok: boolean;
  readonly message: string;
}

export interface ReloadDeps {
  /** The configuration Signet started with: what every setting that needs a restart is compared to. */
  readonly config: Config;
  readonly signedFields: SignedFields;
  readonly reloadTls: () => ReloadLine;
  readonly reloadIngestPassword: () => ReloadLine | null;
  /** Records a signed-fields change in the audit log, as a console save is (never throws). */
  readonly audit: (event: Omit<AuditEvent, 'user'>) => void;
}

/**
 * Applies what can change while running and says what cannot:
 * - `include_fields` (elastic_blockchain_proxy_fields.toml, edited by hand): put in force for the
 *   next commits and audited, exactly as the console's save is (signed-fields.ts explains why
 *   that is safe);
 * - the TLS certificate, key and client CA, and the ingest password file: read again from their
 *   configured paths (on any problem, what is in use stays);
 * - every other setting that differs from the one in use is named (never its value) in one
 *   warning: it applies after a restart.
 * `next` null: the configuration could not be read again (the caller says why); only the
 * certificate and password files are read again. The logger is the caller's (lib/cli).
 * `restartPending`: the settings named (null: not known, the configuration was not read).
 */
export function reloadSignet(deps: ReloadDeps, next: Config | null): { lines: ReloadLine[]; restartPending: readonly string[] | null } {
  const lines: ReloadLine[] = [];
  if (next !== null) {
    const before = deps.signedFields.includeFields();
    const after = next.fields.includeFields;
    if (before.length !== after.length || before.some((f, i) => f !== after[i])) {
      try {
        deps.signedFields.replace(after);
        lines.push({ ok: true, message: `signed fields for new logs: ${after.join(', ')} (were: ${before.join(', ')})` });
        // The same record as the console's save (app/api/console/configuration/fields), by the service.
        const was = new Set(before);
        const now = new Set(after);
        deps.audit({ action: 'config_change', target: FIELDS_FILE, outcome: 'success', details: { trigger: 'SIGHUP', fieldsBefore: was.size, fieldsAfter: now.size, added: after.filter((f) => !was.has(f)).length, removed: before.filter((f) => !now.has(f)).length } });
      } catch (err) {
        lines.push({ ok: false, message: `signed fields not changed, the list in use stays: ${(err as Error).message}` });
      }
    }
  }
  lines.push(deps.reloadTls());
  const password = deps.reloadIngestPassword();
  if (password !== null) lines.push(password);
  const restart = next === null ? null : changedSettings(deps.config, next);
  if (restart !== null && restart.length > 0) lines.push({ ok: false, message: `changed settings that apply only after a restart (still in use: the values Signet started with): ${restart.join(', ')}` });
  return { lines, restartPending: restart };
}

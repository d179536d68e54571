import { CONSOLE_ROUTES, requireConsoleService, runAudited, withConsoleAuth } from '@/lib/server';
import { saveFieldsBodySchema, type SaveFieldsResultDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/**
 * Saves `include_fields` and puts it in force for new logs (operators; same-origin). 409 when the
 * file changed since `version` was read. Audited as `config_change` on the file, with the counts.
 */
export const PUT = withConsoleAuth(CONSOLE_ROUTES.configurationSaveFields, saveFieldsBodySchema, async (r): Promise<SaveFieldsResultDto> => {
  const service = requireConsoleService(r.ctx, 'configuration');
  return runAudited(r, 'config_change', 'elastic_blockchain_proxy_fields.toml', () => service.saveFields(r.input), (s) => {
    const before = new Set(s.before ?? []);
    const after = new Set(s.after);
    return { file: s.file, fieldsBefore: before.size, fieldsAfter: after.size, added: s.after.filter((f) => !before.has(f)).length, removed: [...before].filter((f) => !after.has(f)).length };
  });
});

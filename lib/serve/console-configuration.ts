// The Configuration page's service: signed fields (read, save, put in force) and retention policies.
import type { ConsoleConfigurationService } from '../auth';
import type { RetentionConfig } from '../config';
import { readFieldsFile, saveIncludeFields } from '../fields-file';
import type { RetentionPolicyDto } from '../shared';
import type { SignedFields } from './signed-fields';

/**
 * The console's Configuration page: the signed fields (elastic_blockchain_proxy_fields.toml, read
 * fresh on every request so a hand edit shows up) next to the list in force, and the retention
 * policies loaded at start-up (read-only). Saving writes the file (lib/fields-file: atomic,
 * comments kept, refused with 409 when the file changed since it was read) and only then puts the
 * new list in force for new logs (signed-fields.ts explains why that is safe).
 */
export function createConsoleConfigurationService(deps: {
  configDir: string;
  /** What a missing fields file means (lib/config `defaultIncludeFields`: the static directory's list, else the built-in one). */
  defaultIncludeFields: readonly string[];
  retention: RetentionConfig;
  signedFields: SignedFields;
}): ConsoleConfigurationService {
  const policies: RetentionPolicyDto[] = Object.values(deps.retention.policies)
    .map((p) => ({ name: p.name, days: p.days, isDefault: p.name === deps.retention.default }))
    .sort((a, b) => (a.days ?? Infinity) - (b.days ?? Infinity) || a.name.localeCompare(b.name));
  return {
    async get() {
      const state = await readFieldsFile(deps.configDir);
      const current = state.exists ? state.includeFields : [...deps.defaultIncludeFields];
      return {
        fields: { file: state.file, exists: state.exists, version: state.version, current, problems: state.problems, inForce: [...deps.signedFields.includeFields()] },
        retention: { policies },
      };
    },
    async saveFields(input) {
      const saved = await saveIncludeFields(deps.configDir, input.includeFields, input.version);
      // The file is durable first: a crash now restarts with the new list, like this process.
      deps.signedFields.replace(saved.after);
      return { file: saved.file, version: saved.version, before: saved.before ?? (saved.created ? [...deps.defaultIncludeFields] : null), after: saved.after, created: saved.created };
    },
  };
}

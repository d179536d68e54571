// The Configuration page's service contract (implemented by lib/serve/console-configuration.ts).
import type { ConfigurationDto, SaveFieldsInput, SaveFieldsResultDto } from '../shared';

/** What the console's Configuration page may do: read the signed fields and retention policies, save the fields. */
export interface ConsoleConfigurationService {
  get(): Promise<ConfigurationDto>;
  /**
   * Writes `include_fields` (atomically, keeping the file's comments) and puts it in force for
   * new logs. @throws `ERR_FIELDS_FILE_CHANGED` (409) when the file is no longer at `version`.
   */
  saveFields(input: SaveFieldsInput): Promise<SaveFieldsResultDto>;
}

import path from 'node:path';
import type { ConfigProblem } from './config-error';
import { FIELDS_FILE } from './config-files';
import { DEFAULT_INCLUDE_FIELDS } from './default-include-fields';
import { displayPath } from './display-path';
import { readTomlFile } from './read-toml-file';
import { suggestKey } from './suggest-key';
import type { FieldsConfig } from './types';
import { validateIncludeFields } from './validate-include-fields';

/**
 * Reads elastic_blockchain_proxy_fields.toml from `configDir`: `include_fields = [...]` and
 * nothing else. A missing file means the built-in default list. Returns the config or every
 * problem, never both.
 */
export function readFieldsConfig(configDir: string, baseDir: string): { config?: FieldsConfig; problems: ConfigProblem[] } {
  const file = path.join(configDir, FIELDS_FILE);
  const source = displayPath(file, baseDir);
  const read = readTomlFile(file, source);
  if (read.status === 'missing') return { config: { includeFields: [...DEFAULT_INCLUDE_FIELDS] }, problems: [] };
  if (read.status === 'error') return { problems: [read.problem] };
  const problems: ConfigProblem[] = [];
  for (const key of Object.keys(read.data)) {
    if (key === 'include_fields') continue;
    const hint = suggestKey(key, ['include_fields']);
    problems.push({ source, key, message: hint === undefined ? 'unknown key' : `unknown key (did you mean "${hint}"?)` });
  }
  const list = read.data.include_fields;
  for (const p of validateIncludeFields(list)) problems.push({ source, key: p.key, message: p.message });
  if (problems.length > 0) return { problems };
  return { config: { includeFields: [...(list as string[])] }, problems };
}

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
 * The signed fields: elastic_blockchain_proxy_fields.toml from `configDir`; when it is missing,
 * the same file from `staticDir` (El Proxy's `--static-config-dir`), else the built-in list. That
 * fallback is also returned as `defaultIncludeFields`: the list a missing file means (the console
 * shows it). A static file with problems is reported even when `configDir` has its own. Returns
 * the config or every problem, never both.
 */
export function readFieldsConfig(configDir: string, baseDir: string, staticDir: string | null = null): { config?: FieldsConfig; defaultIncludeFields?: readonly string[]; problems: ConfigProblem[] } {
  const fromStatic = staticDir === null ? { problems: [] } : readFieldsFile(staticDir, baseDir);
  const own = readFieldsFile(configDir, baseDir);
  const problems = [...fromStatic.problems, ...own.problems];
  if (problems.length > 0) return { problems };
  const defaultIncludeFields = fromStatic.includeFields ?? DEFAULT_INCLUDE_FIELDS;
  return { config: { includeFields: [...(own.includeFields ?? defaultIncludeFields)] }, defaultIncludeFields, problems };
}

/** `include_fields = [...]` and nothing else; `includeFields` absent when the file is missing or has problems. */
function readFieldsFile(dir: string, baseDir: string): { includeFields?: string[]; problems: ConfigProblem[] } {
  const file = path.join(dir, FIELDS_FILE);
  const source = displayPath(file, baseDir);
  const read = readTomlFile(file, source);
  if (read.status === 'missing') return { problems: [] };
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
  return { includeFields: [...(list as string[])], problems };
}

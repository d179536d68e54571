import type { ConfigProblem } from './config-error';
import type { Layer } from './merge-layers';
import { parseEnvValue } from './parse-env-value';
import type { KeyNode } from './schema-keys';
import { suggestKey } from './suggest-key';

/** Environment map as in `process.env`. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Prefix of every Signet variable. */
export const ENV_PREFIX = 'SIGNET_';

/**
 * SIGNET_* variables that are not configuration keys (exact names). Everything else with the
 * prefix must name a key, so that a typo such as SIGNET_MESAGE_QUEUE_SIZE fails loudly.
 */
export const NON_CONFIG_ENV_VARS: readonly string[] = Object.freeze(['SIGNET_CONFIG_DIR', 'SIGNET_STATIC_CONFIG_DIR']);

/**
 * Turns SIGNET_* variables into override layers, one per variable (so a bad value is charged to
 * its variable), in variable-name order.
 *
 * `SIGNET_<KEY>` with nesting spelled `__` and keys matched case-insensitively:
 * `SIGNET_ELASTICSEARCH__URL` → `elasticsearch.url`. An empty value removes the key, which
 * returns it to its default (e.g. unset elasticsearch.url to use the embedded store).
 */
export function envOverrideLayers(env: Env, keys: KeyNode): { layers: Layer[]; problems: ConfigProblem[] } {
  const layers: Layer[] = [];
  const problems: ConfigProblem[] = [];
  const claimed = new Map<string, string>();
  for (const name of Object.keys(env).sort()) {
    const raw = env[name];
    if (raw === undefined || !name.toUpperCase().startsWith(ENV_PREFIX) || NON_CONFIG_ENV_VARS.includes(name)) continue;
    const path = name.slice(ENV_PREFIX.length).toLowerCase().split('__');
    const key = path.join('.');
    const found = resolve(keys, path);
    if (!found.ok) {
      problems.push({ source: name, key, message: found.message });
      continue;
    }
    const previous = claimed.get(key);
    if (previous !== undefined) {
      problems.push({ source: name, key, message: `also set by ${previous}; set it once` });
      continue;
    }
    claimed.set(key, name);
    layers.push({ source: name, data: nest(path, raw === '' ? undefined : parseEnvValue(raw, found.stringOnly)) });
  }
  return { layers, problems };
}

type Resolved = { ok: true; stringOnly: boolean } | { ok: false; message: string };

function resolve(root: KeyNode, path: readonly string[]): Resolved {
  let node: KeyNode = root;
  for (const [i, segment] of path.entries()) {
    if (node.kind !== 'table') return { ok: false, message: `unknown setting: ${path.slice(0, i).join('.')} is not a section` };
    const child = node.children.get(segment);
    if (child === undefined) {
      const hint = suggestKey(segment, node.children.keys());
      const prefix = [...path.slice(0, i), hint ?? ''].map((s) => s.toUpperCase()).join('__');
      return { ok: false, message: `unknown setting${hint === undefined ? '' : ` (did you mean ${ENV_PREFIX}${prefix}?)`}` };
    }
    node = child;
  }
  if (node.kind === 'table') {
    return { ok: false, message: `names a section, not a key; set its keys as ${ENV_PREFIX}${path.join('__').toUpperCase()}__<KEY>` };
  }
  return { ok: true, stringOnly: node.stringOnly };
}

function nest(path: readonly string[], value: unknown): Record<string, unknown> {
  let data: Record<string, unknown> = { [path[path.length - 1] ?? '']: value };
  for (let i = path.length - 2; i >= 0; i--) data = { [path[i] ?? '']: data };
  return data;
}

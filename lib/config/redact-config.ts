import { REDACTED_PLACEHOLDER, Secret } from './secret';
import type { Config } from './types';

/** `T` with every Secret replaced by the string placeholder. */
export type Redacted<T> = T extends Secret
  ? string
  : T extends readonly (infer U)[]
    ? Redacted<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Redacted<T[K]> }
      : T;

/**
 * A printable copy of `config` (for `signet config show` and start-up logs) in which every secret
 * value is `"[redacted]"`. Paths stay visible: an operator needs to see which file is used.
 * Secrets are typed as `Secret`, so this finds them by type, not by a list of key names that
 * could miss a new one.
 */
export function redactConfig(config: Config): Redacted<Config> {
  return redact(config) as Redacted<Config>;
}

function redact(value: unknown): unknown {
  if (value instanceof Secret) return REDACTED_PLACEHOLDER;
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) out[key] = redact(child);
    return out;
  }
  return value;
}

import { parse } from 'smol-toml';

/**
 * The value of a SIGNET_* variable: a TOML value when it parses as one (`100`, `true`,
 * `"quoted"`, `[1, 2]`), else the raw string (`None`, `http://127.0.0.1:9200`), so the common
 * case needs no quoting. For a key that only takes strings, the raw text wins unless it is a
 * quoted TOML string, so a password `12345` or a date-like `2024-01-01` stays a string.
 */
export function parseEnvValue(raw: string, stringOnly: boolean): unknown {
  const parsed = parseTomlValue(raw);
  if (stringOnly) return typeof parsed === 'string' ? parsed : raw;
  // TOML dates are not a type any setting takes; keep the text.
  return parsed === undefined || parsed instanceof Date ? raw : parsed;
}

function parseTomlValue(raw: string): unknown {
  try {
    const table = parse(`value = ${raw}`);
    // Reject input that smuggles in more than one value (`1\nother = 2`).
    const keys = Object.keys(table);
    return keys.length === 1 && keys[0] === 'value' ? table.value : undefined;
  } catch {
    return undefined;
  }
}

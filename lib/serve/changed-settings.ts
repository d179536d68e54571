// Which settings differ between the configuration in use and one read again (SIGHUP), named as
// the operator writes them in the TOML files — never with their values (some are secrets).
import { Secret, type Config } from '../config';

/** Keys compared elsewhere: applied on reload (logger, fields), or following another key. */
const SKIP = new Set(['logger', 'fields', 'defaultIncludeFields', 'configDir', 'staticConfigDir']);

/**
 * The settings of `after` that differ from `before`, as sorted TOML key paths
 * (`message_queue_size`, `elasticsearch.auth.password`, `web_server.address`), the retention
 * policies as `retention_policies.toml`. Secrets are compared by value, reported by name only.
 */
export function changedSettings(before: Config, after: Config): string[] {
  const out = new Set<string>();
  walk(before, after, [], out);
  return [...out].sort();
}

function walk(a: unknown, b: unknown, at: string[], out: Set<string>): void {
  if (at.length === 1 && SKIP.has(at[0] as string)) return;
  if (a instanceof Secret || b instanceof Secret) {
    if (!(a instanceof Secret && b instanceof Secret && a.reveal() === b.reveal())) out.add(keyName(at));
    return;
  }
  // A secret's source (inline, or a file) is one setting: `password` or `password_file`.
  if (isSecretSource(a) || isSecretSource(b)) {
    const same = isSecretSource(a) && isSecretSource(b) && a.kind === b.kind && (a.kind === 'file' ? a.path === b.path : (a.value as Secret).reveal() === (b.value as Secret).reveal());
    if (!same) out.add(keyName(at));
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[k], b[k], [...at, k], out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.add(keyName(at));
}

function isSecretSource(v: unknown): v is { kind: 'inline' | 'file'; value?: unknown; path?: string } {
  return isRecord(v) && (v.kind === 'inline' || v.kind === 'file') && ('value' in v || 'path' in v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `webServer.tls.certificatePath` → `web_server.tls.certificate_path`; derived keys → their source. */
function keyName(at: string[]): string {
  if (at[0] === 'retention') return 'retention_policies.toml';
  const snake = at.map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  // host and port are parsed from web_server.address.
  if (snake[0] === 'web_server' && (snake[1] === 'host' || snake[1] === 'port') && snake.length === 2) return 'web_server.address';
  return snake.join('.');
}

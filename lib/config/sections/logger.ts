import { z } from 'zod';
import { checkedString } from '../schema-kit';
import type { LoggerConfig, LogLevel } from '../types';

// `[logger] level`: El Proxy accepts a Rust env_logger-style filter, a comma-separated list of
// `level` or `target=level` directives (`warn,elastic_blockchain_proxy=debug`). lib/config only
// checks the form and splits it; mapping targets to Signet's loggers is the logger's job.

const LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error'];
const TARGET = /^[a-z0-9_][a-z0-9_.:/-]*$/;

type ParsedFilter =
  | { ok: true; normalized: string; defaultLevel: LogLevel; targets: Record<string, LogLevel> }
  | { ok: false; message: string };

function isLevel(value: string): value is LogLevel {
  return (LEVELS as readonly string[]).includes(value);
}

/** Parses a filter such as `warn,store=debug` (case-insensitive). Default level: info. */
export function parseLogFilter(input: string): ParsedFilter {
  let defaultLevel: LogLevel | undefined;
  const targets: Record<string, LogLevel> = Object.create(null) as Record<string, LogLevel>;
  const normalized: string[] = [];
  const expectedLevel = `expected one of ${LEVELS.join(', ')}`;
  for (const raw of input.toLowerCase().split(',')) {
    const directive = raw.trim();
    if (directive === '') return { ok: false, message: `empty directive in ${JSON.stringify(input)}` };
    const eq = directive.indexOf('=');
    if (eq === -1) {
      if (!isLevel(directive)) return { ok: false, message: `${expectedLevel} (or target=level), got ${JSON.stringify(directive)}` };
      if (defaultLevel !== undefined) return { ok: false, message: 'sets the default level twice' };
      defaultLevel = directive;
      normalized.push(directive);
      continue;
    }
    const target = directive.slice(0, eq).trim();
    const level = directive.slice(eq + 1).trim();
    if (!TARGET.test(target)) return { ok: false, message: `invalid log target ${JSON.stringify(target)}` };
    if (!isLevel(level)) return { ok: false, message: `${expectedLevel} for target ${JSON.stringify(target)}, got ${JSON.stringify(level)}` };
    if (target in targets) return { ok: false, message: `target ${JSON.stringify(target)} is set twice` };
    targets[target] = level;
    normalized.push(`${target}=${level}`);
  }
  return { ok: true, normalized: normalized.join(','), defaultLevel: defaultLevel ?? 'info', targets };
}

export function loggerSection() {
  return z
    .strictObject({
      level: checkedString((value) => {
        const parsed = parseLogFilter(value);
        return parsed.ok ? null : parsed.message;
      }).prefault('info'),
    })
    .transform((value): LoggerConfig => {
      const parsed = parseLogFilter(value.level);
      // Unreachable: the refinement above rejected anything that does not parse.
      if (!parsed.ok) throw new TypeError(parsed.message);
      return { level: parsed.normalized, defaultLevel: parsed.defaultLevel, targets: parsed.targets };
    });
}

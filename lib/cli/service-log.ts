// Contract: the log of `signet serve` — one line per event on stderr, with time, level and
// target, filtered by `[logger] level` (El Proxy's syntax: a default level plus per-target
// filters). The only writer is the `write` it is given.
import type { LoggerConfig, LogLevel, LogLine } from '../config';

/**
 * A log line's severity; lines without one are `info`. `enabled` says whether a level is written
 * (to skip building lines nobody reads); `configure` puts another `[logger]` filter in force
 * (SIGHUP).
 */
export type ServiceLog = LogLine & { readonly enabled: (level: LogLevel) => boolean; readonly configure: (config: LoggerConfig) => void };

const RANK: Readonly<Record<LogLevel, number>> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };

/**
 * The targets whose filter applies to Signet's own lines: its name, and El Proxy's crate name so
 * that an El Proxy configuration (`"warn,elastic_blockchain_proxy=debug"`) keeps its meaning.
 */
const OWN_TARGETS = ['signet', 'elastic_blockchain_proxy'] as const;

/** The least severe level written for Signet's lines under `config`. */
export function effectiveLevel(config: LoggerConfig): LogLevel {
  for (const t of OWN_TARGETS) {
    const level = config.targets[t];
    if (level !== undefined) return level;
  }
  return config.defaultLevel;
}

/**
 * `2026-12-07T18:23:00.123Z WARN  signet: message` — the time because not every service manager
 * adds one (journald does; a plain redirect to a file does not), the level so that `grep` and log
 * shippers can pick warnings out.
 */
export function createServiceLog(config: LoggerConfig, write: (text: string) => void, now: () => Date = () => new Date()): ServiceLog {
  let least = RANK[effectiveLevel(config)];
  const enabled = (level: LogLevel) => RANK[level] >= least;
  const log = (line: string, level: LogLevel = 'info') => {
    if (!enabled(level)) return;
    write(`${now().toISOString()} ${level.toUpperCase().padEnd(5)} signet: ${line}\n`);
  };
  const configure = (next: LoggerConfig) => {
    least = RANK[effectiveLevel(next)];
  };
  return Object.assign(log, { enabled, configure });
}

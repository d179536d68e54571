import { AppError } from '../errors';

/** Closed set of codes raised by lib/config. */
export type ConfigErrorCode =
  /** The configuration was read but is not valid (bad value, unknown key, TOML syntax, cross-field rule). */
  | 'ERR_CONFIG_INVALID'
  /** A configuration file or directory could not be read at all (permissions, not a directory...). */
  | 'ERR_CONFIG_IO';

/**
 * One configuration problem, attributed to where the offending value came from.
 *
 * `source` is a file path (relative to the base directory when inside it) or an environment
 * variable name; `key` is the dotted TOML key (`web_server.tls.certificate_path`,
 * `include_fields[2]`), empty when the problem is about the whole file. `line`/`column` are set
 * for TOML syntax errors.
 */
export interface ConfigProblem {
  readonly source: string;
  readonly key: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
  /** True when the problem is that something could not be read (drives `ERR_CONFIG_IO`). */
  readonly io?: boolean;
}

/** `source[:line:column]: key: message`, the one-line form used in `ConfigError.message`. */
export function formatProblem(problem: ConfigProblem): string {
  const where = problem.line === undefined ? problem.source : `${problem.source}:${problem.line}:${problem.column ?? 1}`;
  return problem.key === '' ? `${where}: ${problem.message}` : `${where}: ${problem.key}: ${problem.message}`;
}

/**
 * The single error lib/config throws for bad configuration. The message lists every problem,
 * one per line, so an operator fixes everything in one round instead of one error per restart;
 * `problems` carries the same list for programmatic use (console validation, tests).
 * Status 500 / not exposed: configuration details are for operators, not HTTP clients.
 */
export class ConfigError extends AppError<ConfigErrorCode> {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[], options: { cause?: unknown } = {}) {
    const code: ConfigErrorCode = problems.some((p) => p.io === true) ? 'ERR_CONFIG_IO' : 'ERR_CONFIG_INVALID';
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const lines = problems.map((p) => `  ${formatProblem(p)}`).join('\n');
    super(code, `invalid configuration (${count}):\n${lines}`, { status: 500, cause: options.cause });
    this.problems = Object.freeze(problems.map((p) => Object.freeze({ ...p })));
  }
}

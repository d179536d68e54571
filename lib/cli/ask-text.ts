import os from 'node:os';
import { createInterface } from 'node:readline/promises';
import { CliError } from './cli-error';

/**
 * A flag's value, or — as El Proxy does for `--description`/`--reason` — a prompt on a terminal.
 * Without a terminal the flag is required (a script must not hang on a prompt).
 * @throws CliError `ERR_CLI_USAGE` when missing and stdin is not a TTY.
 */
export async function flagOrPrompt(value: string | undefined, flag: string, question: string): Promise<string> {
  if (value !== undefined) return value;
  if (!process.stdin.isTTY) throw new CliError('ERR_CLI_USAGE', `${flag} is required when not running on a terminal`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(`${question}: `)).trim();
  } finally {
    rl.close();
  }
}

/** Who acknowledges: `--actor`, else the OS user running the command. */
export function actorName(flag: string | undefined): string {
  if (flag !== undefined) return flag;
  try {
    return os.userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? 'unknown'}`;
  }
}

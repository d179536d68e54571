/**
 * lib/cli — the `signet` command line (El Proxy's commands, reference §6).
 *
 * Contract: a thin adapter. Each command lives in `commands/<name>.ts`, parses its flags, calls
 * library services and decides what is printed; library code never prints. `--help` lists only
 * registered commands, so a command appears there only once it works.
 */
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands';
import { CliError } from './cli-error';

/** Builds the program with every registered command. */
export function buildProgram(): Command {
  const program = new Command('signet')
    .description('Real-time log signing for Elasticsearch (El Proxy compatible)')
    .option('--config-dir <dir>', 'configuration directory (elastic_blockchain_proxy.toml and friends)')
    .option('--static-config-dir <dir>', 'configuration files the final user cannot modify: the same files, read below --config-dir')
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}

/**
 * Runs the CLI with `argv` (as in `process.argv`) and resolves to the exit code.
 * Expected failures (`CliError`) print one line, never a stack trace.
 */
export async function run(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode;
    }
    if (err instanceof CliError) {
      process.stderr.write(`signet: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`signet: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

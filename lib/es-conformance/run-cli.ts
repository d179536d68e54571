import { ConformanceError } from './conformance-error';
import { formatFileReport, formatSummaryLine } from './format-report';
import { parseCliArgs, USAGE } from './parse-cli-args';
import { runSuite } from './run-suite';

/** Where the CLI's output goes; main.ts binds it to the process, tests capture it. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  writeFile(path: string, text: string): Promise<void>;
}

/**
 * The `es-conformance` command: parses flags, runs the suite, prints one line per file (plus
 * failure details) and the final `N passed, N failed, N skipped` line, and optionally writes JSON.
 * @param argv the arguments after the script name
 * @returns the exit status: 0 when nothing failed, 1 when a test failed, 2 on usage or I/O errors.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const options = parseCliArgs(argv);
    if (options.help) {
      io.out(USAGE);
      return 0;
    }
    const result = await runSuite({
      url: options.url,
      dir: options.dir,
      filter: options.filter,
      requestTimeoutMs: options.requestTimeoutMs,
      testTimeoutMs: options.testTimeoutMs,
      strictWarnings: options.strictWarnings,
      onFileResult: (file) => {
        for (const line of formatFileReport(file, options.verbose)) io.out(line);
      },
    });
    if (options.verbose) {
      io.out(`target ${result.url} version ${result.clusterVersion ?? 'unknown'}, ${result.files.length} file(s) in ${result.durationMs} ms`);
    }
    if (result.files.length === 0) io.err(`no test files matched in ${options.dir}`);
    if (options.json) {
      try {
        await io.writeFile(options.json, `${JSON.stringify(result, null, 2)}\n`);
      } catch (err) {
        throw new ConformanceError('ERR_CONFORMANCE_IO', `cannot write ${options.json}: ${(err as Error).message}`, { cause: err });
      }
    }
    io.out(formatSummaryLine(result.totals));
    return result.totals.failed === 0 ? 0 : 1;
  } catch (err) {
    if (err instanceof ConformanceError) {
      io.err(`es-conformance: ${err.message}`);
      if (err.code === 'ERR_CONFORMANCE_USAGE') io.err('Run with --help for usage.');
      return 2;
    }
    io.err(`es-conformance: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 2;
  }
}

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConformanceError } from './conformance-error';
import { findTestFiles } from './find-test-files';
import { openRunContext } from './open-run-context';
import type { ConnectOptions, OpenRun } from './open-run-context';
import { parseTestFile } from './parse-test-file';
import { newTrackedResources } from './run-context';
import { countResults, fileStatus, runTestFile } from './run-test-file';
import type { Counts, FileResult, SuiteResult, TestResult } from './types';

export interface RunSuiteOptions extends ConnectOptions {
  /** Directory holding the YAML tests (searched recursively). */
  readonly dir: string;
  /** Run only files whose relative path contains this substring. */
  readonly filter?: string;
  /** Called as each file finishes, so a CLI can print progress. */
  readonly onFileResult?: (result: FileResult) => void;
}

/** The URL as reported: credentials never reach output or the JSON file. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = parsed.username ? '***' : '';
      parsed.password = parsed.password ? '***' : '';
    }
    return parsed.toString();
  } catch {
    return url;
  }
}

/** A file that cannot be read or parsed counts as one failed test, so it cannot pass unnoticed. */
function unreadableFile(file: string, err: unknown): FileResult {
  const message = err instanceof Error ? err.message : String(err);
  const test: TestResult = {
    name: '(file)', status: 'failed', durationMs: 0, notes: [],
    failure: { section: 'runner', step: 0, description: 'parse', message },
  };
  const counts = countResults([test]);
  return { file, status: fileStatus(counts), counts, tests: [test], durationMs: 0 };
}

async function runOneFile(run: OpenRun, dir: string, file: string): Promise<FileResult> {
  let source: string;
  try {
    source = await readFile(path.join(dir, file), 'utf8');
  } catch (err) {
    return unreadableFile(file, err);
  }
  try {
    return await runTestFile(parseTestFile(source, file), run.ctx, run.wipe);
  } catch (err) {
    if (err instanceof ConformanceError) return unreadableFile(file, err);
    throw err;
  }
}

/**
 * Runs every YAML test file under `dir` against `url`, one test at a time. The cluster is wiped
 * once before the first test (leftovers of an interrupted run would fail it) and after each test.
 * **Destructive**: point it only at a disposable cluster.
 * @throws {ConformanceError} ERR_CONFORMANCE_IO (bad directory) or ERR_CONFORMANCE_USAGE (bad URL).
 * @example const result = await runSuite({ url: 'http://127.0.0.1:9200', dir: 'tests' });
 */
export async function runSuite(options: RunSuiteOptions): Promise<SuiteResult> {
  const started = Date.now();
  const files = await findTestFiles(options.dir, options.filter);
  const run = await openRunContext(options);
  const results: FileResult[] = [];
  try {
    if (files.length > 0) await run.wipe(newTrackedResources());
    for (const file of files) {
      const result = await runOneFile(run, options.dir, file);
      results.push(result);
      options.onFileResult?.(result);
    }
  } finally {
    await run.close();
  }
  const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
  for (const result of results) {
    totals.passed += result.counts.passed;
    totals.failed += result.counts.failed;
    totals.skipped += result.counts.skipped;
  }
  return {
    url: redactUrl(options.url),
    dir: options.dir,
    clusterVersion: run.ctx.cluster.version,
    totals,
    files: results,
    durationMs: Date.now() - started,
  };
}

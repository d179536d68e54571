import type { RunContext } from './run-context';
import { runTest } from './run-test';
import type { WipeFn } from './run-test';
import type { Counts, FileResult, TestFile, TestResult } from './types';

/** Counts of a list of test results. */
export function countResults(tests: readonly TestResult[]): Counts {
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  for (const test of tests) counts[test.status] += 1;
  return counts;
}

/** FAIL if any test failed, SKIP if every test was skipped (or there are none), else PASS. */
export function fileStatus(counts: Counts): FileResult['status'] {
  if (counts.failed > 0) return 'FAIL';
  return counts.passed === 0 ? 'SKIP' : 'PASS';
}

/**
 * Runs every test of a parsed file in order. Tests are independent (each has its own setup,
 * teardown and wipe), so one failing test never stops the others.
 */
export async function runTestFile(file: TestFile, ctx: RunContext, wipe: WipeFn): Promise<FileResult> {
  const started = Date.now();
  const tests: TestResult[] = [];
  for (const test of file.tests) {
    try {
      tests.push(await runTest(file, test, ctx, wipe));
    } catch (err) {
      // runTest reports failures as results; this guards against a bug in the runner itself.
      const message = `runner error: ${err instanceof Error ? err.message : String(err)}`;
      tests.push({ name: test.name, status: 'failed', durationMs: 0, notes: [], failure: { section: 'runner', step: 0, description: 'run', message } });
    }
  }
  const counts = countResults(tests);
  return { file: file.file, status: fileStatus(counts), counts, tests, durationMs: Date.now() - started };
}

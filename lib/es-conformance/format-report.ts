// Human-readable report lines. Pure: the CLI decides where they go.
import type { Counts, FileResult, TestResult } from './types';

/** The final line, exactly `N passed, N failed, N skipped` (individual tests). */
export function formatSummaryLine(totals: Counts): string {
  return `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
}

/** `PASS bulk/10_basic.yml (1 passed, 0 failed, 0 skipped)`. */
export function formatFileLine(result: FileResult): string {
  return `${result.status} ${result.file} (${formatSummaryLine(result.counts)})`;
}

function testLines(test: TestResult, verbose: boolean): string[] {
  const lines: string[] = [];
  if (test.status === 'failed' && test.failure) {
    const { section, step, description, message, expected, actual } = test.failure;
    const where = step > 0 ? `${section} step ${step} (${description})` : section;
    lines.push(`  FAILED ${JSON.stringify(test.name)}: ${where}: ${message}`);
    // Only when the message does not already say it ("expected X but was Y").
    if (expected !== undefined && !message.includes(`expected ${expected}`)) lines.push(`    expected: ${expected}`);
    if (actual !== undefined && !message.includes(`but was ${actual}`)) lines.push(`    actual:   ${actual}`);
  } else if (test.status === 'skipped') {
    lines.push(`  SKIPPED ${JSON.stringify(test.name)}: ${test.skipReason ?? ''}`);
  } else if (verbose) {
    lines.push(`  passed ${JSON.stringify(test.name)} (${test.durationMs} ms)`);
  }
  if (verbose || test.status === 'failed') {
    for (const note of test.notes) lines.push(`    note: ${note}`);
  }
  return lines;
}

/**
 * The file line followed by one line per failed or skipped test (with its reason) and, when
 * `verbose`, passed tests, timings and notes (undeclared warnings, wipe problems).
 */
export function formatFileReport(result: FileResult, verbose: boolean): string[] {
  return [formatFileLine(result), ...result.tests.flatMap((test) => testLines(test, verbose))];
}

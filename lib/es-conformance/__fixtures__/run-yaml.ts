// Shared set-up for the runner tests: a fresh fake Elasticsearch per test and a helper that runs
// one YAML snippet through the library API (parse → run → wipe), exactly as the CLI does per file.
import { afterEach, beforeEach, expect } from 'vitest';
import { openRunContext } from '../open-run-context';
import type { ConnectOptions } from '../open-run-context';
import { parseTestFile } from '../parse-test-file';
import { runTestFile } from '../run-test-file';
import type { FileResult, TestResult } from '../types';
import { startFakeEs } from './fake-es';
import type { FakeEs } from './fake-es';

export const HEADER = '---\nrequires:\n  serverless: true\n  stack: true\n';

/** Registers beforeEach/afterEach hooks; `current()` is the running test's fake. */
export function useFakeEs(): { current: () => FakeEs; replace: (fake: FakeEs) => void } {
  let fake: FakeEs | undefined;
  beforeEach(async () => {
    fake = await startFakeEs();
  });
  afterEach(async () => {
    await fake?.close();
  });
  return {
    current: () => {
      if (!fake) throw new Error('fake Elasticsearch not started');
      return fake;
    },
    replace: (next) => {
      fake = next;
    },
  };
}

/** Runs `yaml` as one test file against `url` with short timeouts. */
export async function runYaml(url: string, yaml: string, options: Partial<ConnectOptions> = {}): Promise<FileResult> {
  const run = await openRunContext({ url, requestTimeoutMs: 2_000, testTimeoutMs: 3_000, ...options });
  try {
    return await runTestFile(parseTestFile(yaml, 'snippet.yml'), run.ctx, run.wipe);
  } finally {
    await run.close();
  }
}

/** The single test of a result (fails the calling test otherwise). */
export function only(result: FileResult): TestResult {
  expect(result.tests).toHaveLength(1);
  const [test] = result.tests;
  if (!test) throw new Error('no test result');
  return test;
}

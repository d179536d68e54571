/**
 * lib/es-conformance — runs Elastic's YAML REST tests against any Elasticsearch URL.
 *
 * Contract: I/O module (HTTP through the official `@elastic/elasticsearch` 8.x client, reading
 * test files). It owns the YAML REST test format (../../shared/reference/es-wire.md): parsing,
 * `requires`/`skip`, `do` with `catch`/`headers`/`warnings`, assertions, the stash, and the wipe
 * between tests. It is test infrastructure, so it must never let a failure pass: a test is
 * `passed` only when every step ran and held; a test needing a feature missing from
 * `SUPPORTED_FEATURES` is `skipped` with the feature named; nothing else is skipped except by
 * the test's own `requires`/`skip`. It never prints (main.ts is the CLI adapter), never reads
 * the environment, and never retries a request. It is DESTRUCTIVE: between tests it deletes
 * every non-system index, data stream, template, ILM policy and pipeline of the target.
 */
export { ConformanceError } from './conformance-error';
export type { ConformanceErrorCode } from './conformance-error';
export { parseTestFile } from './parse-test-file';
export { runSuite } from './run-suite';
export type { RunSuiteOptions } from './run-suite';
export { openRunContext } from './open-run-context';
export type { ConnectOptions, OpenRun } from './open-run-context';
export { runTestFile } from './run-test-file';
export { wipeCluster } from './wipe-cluster';
export { formatFileLine, formatFileReport, formatSummaryLine } from './format-report';
export { SUPPORTED_FEATURES, UNSUPPORTED_FEATURES, isSupportedFeature } from './supported-features';
export { collectFileUsage, requiredFeatures, unsupportedFeatures } from './collect-features';
export { resolveApi } from './resolve-api';
export { runCli } from './run-cli';
export type { CliIo } from './run-cli';
export type {
  Counts, FileResult, Step, SuiteResult, TestCase, TestFailure, TestFile, TestResult, TestStatus,
} from './types';

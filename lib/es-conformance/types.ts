// The parsed shape of a YAML REST test file and the results the runner produces. Plain data only,
// so results can be written to JSON as they are and tests can build inputs by hand.

/** One `requires:` or `skip:` block (file header, or the first steps of a section). */
export interface Requirement {
  readonly kind: 'requires' | 'skip';
  readonly clusterFeatures: readonly string[];
  /** `requires.test_runner_features`, or legacy `skip.features` (both mean "runner must support"). */
  readonly testRunnerFeatures: readonly string[];
  /** Legacy version range(s), e.g. `" - 8.0.99, 8.8.0 - "` or `all` (skip only). */
  readonly version?: string;
  readonly awaitsFix?: string;
  readonly os: readonly string[];
  readonly knownIssues: readonly { readonly clusterFeature: string; readonly fixedBy: string }[];
  readonly capabilities: readonly CapabilityCheck[];
  /** The elasticsearch-clients-tests header flags (`requires: {serverless, stack}`). */
  readonly serverless?: boolean;
  readonly stack?: boolean;
  readonly reason?: string;
  /** Keys this runner does not know; each one makes the block unsupported. */
  readonly unknownKeys: readonly string[];
}

/** A `requires.capabilities` entry: asked of the cluster through `GET /_capabilities`. */
export interface CapabilityCheck {
  readonly method?: string;
  readonly path: string;
  readonly parameters: readonly string[];
  readonly capabilities: readonly string[];
}

export interface DoStep {
  readonly kind: 'do';
  /** Dotted API name as in the REST spec, e.g. `indices.put_index_template`. */
  readonly api: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly catch?: string;
  readonly headers?: Readonly<Record<string, unknown>>;
  readonly warnings?: readonly string[];
  readonly warningsRegex?: readonly string[];
  readonly allowedWarnings?: readonly string[];
  readonly allowedWarningsRegex?: readonly string[];
  readonly nodeSelector?: unknown;
  /** `do:` keys that are neither the API nor a known option. */
  readonly unknownKeys: readonly string[];
}

export interface SetStep {
  readonly kind: 'set';
  readonly path: string;
  readonly variable: string;
}

export interface TransformAndSetStep {
  readonly kind: 'transform_and_set';
  readonly variable: string;
  readonly expression: string;
}

export type AssertionOp =
  | 'match' | 'length' | 'lt' | 'gt' | 'lte' | 'gte' | 'contains' | 'close_to' | 'is_after'
  | 'is_true' | 'is_false' | 'exists';

export interface AssertStep {
  readonly kind: 'assert';
  readonly op: AssertionOp;
  readonly path: string;
  /** Absent for the unary assertions (`is_true`, `is_false`, `exists`). */
  readonly expected?: unknown;
}

/** A step whose operator this runner does not know; it makes the test unsupported (skipped). */
export interface UnknownStep {
  readonly kind: 'unknown';
  readonly op: string;
}

export type Step = DoStep | SetStep | TransformAndSetStep | AssertStep | UnknownStep;

export interface Section {
  readonly requirements: readonly Requirement[];
  readonly steps: readonly Step[];
}

export interface TestCase {
  readonly name: string;
  readonly section: Section;
}

export interface TestFile {
  /** Path relative to the suite directory, with `/` separators (used in output). */
  readonly file: string;
  /** Header documents (`requires:`/`skip:` at the top level of the file). */
  readonly requirements: readonly Requirement[];
  readonly setup?: Section;
  readonly teardown?: Section;
  readonly tests: readonly TestCase[];
}

// ---- results ----

export type TestStatus = 'passed' | 'failed' | 'skipped';

/** Where and why a test failed. `expected`/`actual` are short renderings, not raw values. */
export interface TestFailure {
  readonly section: 'setup' | 'test' | 'teardown' | 'runner';
  /** 1-based index of the step inside its section (0 when not tied to a step). */
  readonly step: number;
  /** e.g. `do indices.create`, `match hits.total`. */
  readonly description: string;
  readonly message: string;
  readonly expected?: string;
  readonly actual?: string;
}

export interface TestResult {
  readonly name: string;
  readonly status: TestStatus;
  readonly durationMs: number;
  /** Why the test was skipped. */
  readonly skipReason?: string;
  readonly failure?: TestFailure;
  /** Non-fatal observations: unexpected warnings, wipe problems. */
  readonly notes: readonly string[];
}

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export interface FileResult {
  readonly file: string;
  readonly status: 'PASS' | 'FAIL' | 'SKIP';
  readonly counts: Counts;
  readonly tests: readonly TestResult[];
  readonly durationMs: number;
}

export interface SuiteResult {
  readonly url: string;
  readonly dir: string;
  readonly clusterVersion?: string;
  readonly totals: Counts;
  readonly files: readonly FileResult[];
  readonly durationMs: number;
}

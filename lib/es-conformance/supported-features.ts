// The explicit list of what this runner implements. A test that needs anything else is SKIPPED
// with the feature named, never run half-supported and never silently passed.

/**
 * Test runner features (README "Available test runner features") this runner implements. Also
 * the names used for constructs found in steps (`headers`, `warnings`, `contains`, ...).
 */
export const SUPPORTED_FEATURES: readonly string[] = [
  'allowed_warnings', // do.allowed_warnings
  'allowed_warnings_regex', // do.allowed_warnings_regex
  'arbitrary_key', // `_arbitrary_key_` path segment
  'capabilities', // requires.capabilities, answered by GET /_capabilities
  'catch_unauthorized', // catch: unauthorized
  'close_to',
  'contains',
  // The runner never changes the distribution's default number of shards.
  'default_shards',
  'embedded_stash_key', // ${var} inside strings, keys and paths
  'gtelte', // legacy name for lte/gte support
  'headers', // do.headers
  'is_after',
  'regex', // match values of the form /.../ (x flag)
  'skip_os', // skip.os, answered by GET /_nodes/os
  'stash_in_key',
  'stash_in_path',
  'transform_and_set',
  'warnings', // do.warnings
  'warnings_regex', // do.warnings_regex
];

/** Features the format defines that this runner deliberately does not implement, and why. */
export const UNSUPPORTED_FEATURES: Readonly<Record<string, string>> = {
  catch_param: 'catch: param needs the REST spec to detect unknown parameters client-side',
  fips_140: 'the runner cannot tell whether the cluster runs in FIPS 140 mode',
  node_selector: 'requests always go to the one --url node; node selection is not honoured',
  no_xpack: 'the runner does not probe the distribution flavour',
  spi_on_classpath: 'Java test-runner only',
  stash_path_replace: 'used only by documentation snippet tests',
  xpack: 'the runner does not probe the distribution flavour',
  yaml: 'requests and responses are JSON only (the official client parses JSON)',
};

const supported = new Set(SUPPORTED_FEATURES);

/** True when the runner implements `feature`; unknown names are unsupported. */
export function isSupportedFeature(feature: string): boolean {
  return supported.has(feature);
}

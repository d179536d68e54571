// Legacy `skip.version` ranges ("0.20.1 - 0.90.2", " - 8.0.99, 8.8.0 - ", "all") and the
// synthetic `gte_vX.Y.Z` cluster features, both computed from the version `GET /` reports.

/** `8.19.2` → [8, 19, 2]; qualifiers (`-SNAPSHOT`, `.Beta1`) are dropped. Missing parts are 0. */
export function parseVersion(text: string): [number, number, number] | undefined {
  const match = /^\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

/** Negative, zero or positive as `a` is below, equal to or above `b`. */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i += 1) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * True when `version` falls in any of the comma-separated inclusive ranges of `spec`.
 * Either bound may be empty (open-ended); `all` matches every version.
 * @throws {RangeError} when a bound is not a version.
 */
export function isVersionInRanges(version: readonly number[], spec: string): boolean {
  if (spec.trim().toLowerCase() === 'all') return true;
  return spec.split(',').some((range) => {
    // Bounds are plain versions (qualifiers use dots, e.g. 1.0.0.Beta1), so the first dash
    // separates them; a range without a dash is a single version.
    const dash = range.indexOf('-');
    const lowText = dash < 0 ? range : range.slice(0, dash);
    const highText = dash < 0 ? range : range.slice(dash + 1);
    const low = lowText.trim() === '' ? undefined : parseVersion(lowText);
    const high = highText.trim() === '' ? undefined : parseVersion(highText);
    if ((lowText.trim() !== '' && !low) || (highText.trim() !== '' && !high)) {
      throw new RangeError(`invalid version range [${range.trim()}]`);
    }
    return (!low || compareVersions(version, low) >= 0) && (!high || compareVersions(version, high) <= 0);
  });
}

// The README: synthetic `gte_v{VERSION}` features exist "for all release versions until
// including 8.14.0"; later versions are expressed only as real cluster features.
const LAST_SYNTHETIC: readonly number[] = [8, 14, 0];

/** True when the synthetic feature `name` (e.g. `gte_v8.12.2`) holds for `version`. */
export function hasSyntheticFeature(version: readonly number[], name: string): boolean {
  const match = /^gte_v(\d+(?:\.\d+){0,2})$/.exec(name);
  if (!match?.[1]) return false;
  const wanted = parseVersion(match[1]);
  return wanted !== undefined && compareVersions(wanted, LAST_SYNTHETIC) <= 0 && compareVersions(version, wanted) >= 0;
}

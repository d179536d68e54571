import { ConformanceError } from './conformance-error';
import type { CapabilityCheck, Requirement } from './types';

const KNOWN_KEYS = new Set([
  'cluster_features', 'test_runner_features', 'features', 'version', 'awaits_fix', 'os',
  'known_issues', 'capabilities', 'serverless', 'stack', 'reason',
]);

/** A YAML scalar-or-list field ("can either be a string or an array of strings"). */
function stringList(value: unknown, field: string, where: string): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => {
    if (typeof item !== 'string' && typeof item !== 'number') {
      throw new ConformanceError('ERR_CONFORMANCE_PARSE', `${where}: ${field} must be a string or a list of strings`);
    }
    return String(item);
  });
}

function parseCapabilities(value: unknown, where: string): CapabilityCheck[] {
  const items = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return items.map((item) => {
    if (typeof item !== 'object' || item === null) {
      throw new ConformanceError('ERR_CONFORMANCE_PARSE', `${where}: capabilities entries must be mappings`);
    }
    const entry = item as Record<string, unknown>;
    if (typeof entry.path !== 'string') {
      throw new ConformanceError('ERR_CONFORMANCE_PARSE', `${where}: capabilities entry needs a path`);
    }
    return {
      method: typeof entry.method === 'string' ? entry.method : undefined,
      path: entry.path,
      parameters: stringList(entry.parameters, 'parameters', where),
      capabilities: stringList(entry.capabilities, 'capabilities', where),
    };
  });
}

/**
 * Parses the body of a `requires:` or `skip:` block.
 * @throws {ConformanceError} ERR_CONFORMANCE_PARSE when the block is not a mapping or a field has
 *   the wrong shape. Unknown keys are kept (`unknownKeys`) so the test is skipped, not failed.
 */
export function parseRequirement(kind: 'requires' | 'skip', value: unknown, where: string): Requirement {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConformanceError('ERR_CONFORMANCE_PARSE', `${where}: ${kind} must be a mapping`);
  }
  const block = value as Record<string, unknown>;
  const knownIssues = (Array.isArray(block.known_issues) ? block.known_issues : []).map((issue: unknown) => {
    const entry = (issue ?? {}) as Record<string, unknown>;
    if (typeof entry.cluster_feature !== 'string' || typeof entry.fixed_by !== 'string') {
      throw new ConformanceError('ERR_CONFORMANCE_PARSE', `${where}: known_issues entries need cluster_feature and fixed_by`);
    }
    return { clusterFeature: entry.cluster_feature, fixedBy: entry.fixed_by };
  });
  return {
    kind,
    clusterFeatures: stringList(block.cluster_features, 'cluster_features', where),
    // Legacy `skip.features` means "skip unless the runner supports these": the same as
    // `requires.test_runner_features`, so both land in one list.
    testRunnerFeatures: [
      ...stringList(block.test_runner_features, 'test_runner_features', where),
      ...stringList(block.features, 'features', where),
    ],
    version: block.version === undefined ? undefined : String(block.version),
    awaitsFix: block.awaits_fix === undefined ? undefined : String(block.awaits_fix),
    os: stringList(block.os, 'os', where),
    knownIssues,
    capabilities: parseCapabilities(block.capabilities, where),
    serverless: typeof block.serverless === 'boolean' ? block.serverless : undefined,
    stack: typeof block.stack === 'boolean' ? block.stack : undefined,
    reason: typeof block.reason === 'string' ? block.reason : undefined,
    unknownKeys: Object.keys(block).filter((key) => !KNOWN_KEYS.has(key)),
  };
}

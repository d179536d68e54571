import { requiredFeatures, unsupportedFeatures } from './collect-features';
import type { ClusterInfo, RunContext } from './run-context';
import type { CapabilityCheck, Requirement, TestCase, TestFile } from './types';
import { hasSyntheticFeature, isVersionInRanges } from './version-range';

function hasFeature(cluster: ClusterInfo, name: string): boolean {
  return cluster.features.has(name) || (cluster.versionParts !== undefined && hasSyntheticFeature(cluster.versionParts, name));
}

async function capabilitySupported(ctx: RunContext, check: CapabilityCheck): Promise<boolean> {
  try {
    const body = (await ctx.client.capabilities(
      {
        method: check.method ?? 'GET',
        path: check.path,
        parameters: check.parameters.join(','),
        capabilities: check.capabilities.join(','),
      } as never,
      { requestTimeout: ctx.requestTimeoutMs, maxRetries: 0 },
    )) as { supported?: unknown };
    return body.supported === true;
  } catch {
    // A cluster without the capabilities API cannot confirm anything: the requirement fails.
    return false;
  }
}

// `skip.os` compares with the OS pretty name nodes report (`GET /_nodes/os`).
async function clusterOsNames(ctx: RunContext): Promise<string[]> {
  try {
    const body = (await ctx.client.nodes.info({ metric: 'os' }, { requestTimeout: ctx.requestTimeoutMs, maxRetries: 0 })) as {
      nodes?: Record<string, { os?: { pretty_name?: string; name?: string } }>;
    };
    return Object.values(body.nodes ?? {}).flatMap((node) => [node.os?.pretty_name, node.os?.name])
      .filter((name): name is string => typeof name === 'string').map((name) => name.toLowerCase());
  } catch {
    return [];
  }
}

async function evaluate(requirement: Requirement, ctx: RunContext): Promise<string | undefined> {
  const { cluster } = ctx;
  const suffix = requirement.reason ? ` (${requirement.reason})` : '';
  if (requirement.kind === 'requires') {
    const missing = requirement.clusterFeatures.filter((name) => !hasFeature(cluster, name));
    if (missing.length > 0) return `cluster lacks required feature(s) ${missing.join(', ')}${suffix}`;
    for (const check of requirement.capabilities) {
      if (!(await capabilitySupported(ctx, check))) {
        return `cluster lacks capabilities [${check.capabilities.join(', ')}] of ${check.method ?? 'GET'} ${check.path}${suffix}`;
      }
    }
    if (requirement.version !== undefined && cluster.versionParts && !isVersionInRanges(cluster.versionParts, requirement.version)) {
      return `version ${cluster.version ?? '?'} is outside ${requirement.version}${suffix}`;
    }
    return undefined;
  }
  if (requirement.awaitsFix !== undefined) return `awaits fix ${requirement.awaitsFix}${suffix}`;
  const present = requirement.clusterFeatures.filter((name) => hasFeature(cluster, name));
  if (present.length > 0) return `cluster has feature(s) ${present.join(', ')}${suffix}`;
  const issue = requirement.knownIssues.find((known) => hasFeature(cluster, known.clusterFeature) && !hasFeature(cluster, known.fixedBy));
  if (issue) return `known issue ${issue.clusterFeature} (fixed by ${issue.fixedBy})${suffix}`;
  if (requirement.version !== undefined) {
    // Without a version from GET / a version skip cannot be decided, so the test runs.
    if (requirement.version.trim().toLowerCase() === 'all') return `skipped for all versions${suffix}`;
    if (cluster.versionParts && isVersionInRanges(cluster.versionParts, requirement.version)) {
      return `version ${cluster.version ?? '?'} is in ${requirement.version.trim()}${suffix}`;
    }
  }
  if (requirement.os.length > 0) {
    const names = await clusterOsNames(ctx);
    const hit = requirement.os.find((os) => names.some((name) => name === os.toLowerCase() || name.includes(os.toLowerCase())));
    if (hit) return `skipped on OS ${hit}${suffix}`;
  }
  return undefined;
}

/**
 * Decides whether `test` must be skipped, in this order: a feature the runner lacks (named in
 * the reason), a file that is not a stack test, then every `requires`/`skip` block of the file
 * header, setup, teardown and the test.
 * @returns the reason to skip, or undefined to run the test.
 */
export async function decideSkip(file: TestFile, test: TestCase, ctx: RunContext): Promise<string | undefined> {
  const unsupported = unsupportedFeatures(requiredFeatures(file, test));
  if (unsupported.length > 0) return `unsupported feature(s): ${unsupported.join(', ')}`;
  const header = file.requirements.find((req) => req.stack !== undefined || req.serverless !== undefined);
  if (header && header.stack !== true) return 'not a stack test (requires.stack is not true)';
  const all = [
    ...file.requirements,
    ...(file.setup?.requirements ?? []),
    ...(file.teardown?.requirements ?? []),
    ...test.section.requirements,
  ];
  // An unreadable version range throws (RangeError): the caller fails the test, since that is a
  // bug in the test file, not a reason to skip.
  for (const requirement of all) {
    const reason = await evaluate(requirement, ctx);
    if (reason) return reason;
  }
  return undefined;
}

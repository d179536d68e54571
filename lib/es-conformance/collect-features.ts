import { isSupportedFeature } from './supported-features';
import type { Requirement, Section, Step, TestCase, TestFile } from './types';

function featuresOfRequirement(requirement: Requirement): string[] {
  const features = [...requirement.testRunnerFeatures];
  if (requirement.capabilities.length > 0) features.push('capabilities');
  if (requirement.os.length > 0) features.push('skip_os');
  for (const key of requirement.unknownKeys) features.push(`${requirement.kind}.${key}`);
  return features;
}

/** The features a step relies on, whether or not the test declared them. */
function featuresOfStep(step: Step): string[] {
  switch (step.kind) {
    case 'do': {
      const features: string[] = [];
      if (step.headers) features.push('headers');
      if (step.warnings) features.push('warnings');
      if (step.warningsRegex) features.push('warnings_regex');
      if (step.allowedWarnings) features.push('allowed_warnings');
      if (step.allowedWarningsRegex) features.push('allowed_warnings_regex');
      if (step.nodeSelector !== undefined) features.push('node_selector');
      if (step.catch === 'unauthorized') features.push('catch_unauthorized');
      if (step.catch === 'param') features.push('catch_param');
      for (const key of step.unknownKeys) features.push(`do.${key}`);
      return features;
    }
    case 'transform_and_set':
      return ['transform_and_set'];
    case 'assert':
      return step.op === 'contains' || step.op === 'close_to' || step.op === 'is_after' ? [step.op] : [];
    case 'unknown':
      return [`step.${step.op}`];
    case 'set':
      return [];
  }
}

function featuresOfSection(section: Section | undefined): string[] {
  if (!section) return [];
  return [...section.requirements.flatMap(featuresOfRequirement), ...section.steps.flatMap(featuresOfStep)];
}

/**
 * Every feature running `test` needs: declared ones (file header, setup, teardown, the test) and
 * the ones implied by the steps that will run. Sorted, without duplicates.
 */
export function requiredFeatures(file: TestFile, test: TestCase): string[] {
  const all = [
    ...file.requirements.flatMap(featuresOfRequirement),
    ...featuresOfSection(file.setup),
    ...featuresOfSection(file.teardown),
    ...featuresOfSection(test.section),
  ];
  return [...new Set(all)].sort();
}

/** The subset of `features` this runner does not implement. */
export function unsupportedFeatures(features: readonly string[]): string[] {
  return features.filter((feature) => !isSupportedFeature(feature));
}

/** What a whole file uses: features, APIs and step operators (for corpus inventories). */
export function collectFileUsage(file: TestFile): { features: string[]; apis: string[]; operators: string[] } {
  const sections = [file.setup, file.teardown, ...file.tests.map((test) => test.section)]
    .filter((section): section is Section => section !== undefined);
  const steps = sections.flatMap((section) => section.steps);
  const operators = steps.map((step) => {
    if (step.kind === 'assert') return step.op;
    if (step.kind === 'unknown') return step.op;
    if (step.kind === 'do' && step.catch !== undefined) return `do+catch:${/^\/.*\/$/s.test(step.catch) ? 'regex' : step.catch}`;
    return step.kind;
  });
  return {
    features: [...new Set(file.tests.flatMap((test) => requiredFeatures(file, test)))].sort(),
    apis: [...new Set(steps.flatMap((step) => (step.kind === 'do' ? [step.api] : [])))].sort(),
    operators: [...new Set(operators)].sort(),
  };
}

import { evaluateAssertion } from './evaluate-assertion';
import { executeDo } from './execute-do';
import { evaluateSegments } from './resolve-path';
import type { RunContext, TestState } from './run-context';
import { StashLookupError } from './stash';
import type { Section, Step, TestFailure } from './types';

/** `do indices.create`, `match hits.total`, `set _id → id`: how a step is named in output. */
export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'do':
      return `do ${step.api}`;
    case 'set':
      return `set ${step.path} → $${step.variable}`;
    case 'transform_and_set':
      return `transform_and_set $${step.variable}`;
    case 'assert':
      return `${step.op} ${step.path === '' ? "''" : step.path}`;
    case 'unknown':
      return step.op;
  }
}

// `#base64EncodeCredentials(id,api_key)`: base64 of "<id>:<api_key>" read from the last response.
// The README says other transformations stash the value unchanged.
function transform(expression: string, state: TestState): unknown {
  const match = /^#base64EncodeCredentials\(\s*([^,\s]+)\s*,\s*([^)\s]+)\s*\)$/.exec(expression);
  if (!match?.[1] || !match[2]) return expression;
  const user = evaluateSegments(state.lastBody, state.stash.substitutePath(match[1]));
  const secret = evaluateSegments(state.lastBody, state.stash.substitutePath(match[2]));
  return Buffer.from(`${String(user)}:${String(secret)}`).toString('base64');
}

async function runStep(step: Step, ctx: RunContext, state: TestState): Promise<Omit<TestFailure, 'section' | 'step' | 'description'> | undefined> {
  switch (step.kind) {
    case 'do': {
      const outcome = await executeDo(step, ctx, state);
      state.lastBody = outcome.body;
      return outcome.failure;
    }
    case 'set': {
      const value = evaluateSegments(state.lastBody, state.stash.substitutePath(step.path));
      if (value === undefined) return { message: `nothing at [${step.path}] to stash` };
      state.stash.set(step.variable, value);
      return undefined;
    }
    case 'transform_and_set':
      state.stash.set(step.variable, transform(step.expression, state));
      return undefined;
    case 'assert':
      return evaluateAssertion(step, { body: state.lastBody }, state.stash);
    case 'unknown':
      // Unreachable in a run: tests with unknown steps are skipped as unsupported.
      return { message: `unsupported step [${step.op}]` };
  }
}

/**
 * Runs the steps of one section in order and stops at the first failure.
 * @returns the failure, or undefined when every step passed.
 */
export async function runSection(
  section: Section,
  name: TestFailure['section'],
  ctx: RunContext,
  state: TestState,
): Promise<TestFailure | undefined> {
  for (const [index, step] of section.steps.entries()) {
    const where = { section: name, step: index + 1, description: describeStep(step) };
    try {
      const failure = await runStep(step, ctx, state);
      if (failure) return { ...where, ...failure };
    } catch (err) {
      // A stash miss or a bug in the runner fails this test only; the run goes on.
      const message = err instanceof StashLookupError ? err.message : `runner error: ${err instanceof Error ? err.message : String(err)}`;
      return { ...where, message };
    }
  }
  return undefined;
}

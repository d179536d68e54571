import { decideSkip } from './decide-skip';
import { newTrackedResources } from './run-context';
import type { RunContext, TestState, TrackedResources } from './run-context';
import { runSection } from './run-section';
import { Stash } from './stash';
import type { TestCase, TestFailure, TestFile, TestResult } from './types';

/** Releases what a test left behind; returns problems worth a note. */
export type WipeFn = (tracked: TrackedResources) => Promise<string[]>;

type Deadline<T> = { done: true; value: T } | { done: false };

/**
 * Runs `work` with an abort signal that fires after `ms`. Resolves as soon as either happens, so
 * a server that never answers cannot hang the run; aborted requests settle in the background.
 */
async function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<Deadline<T>> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<Deadline<T>>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ done: false });
    }, ms);
  });
  const running = work(controller.signal).then((value): Deadline<T> => ({ done: true, value }));
  // After a timeout nobody awaits `running`; a late rejection must not become an unhandled one.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
  }
}

function timedOut(section: TestFailure['section'], ms: number): TestFailure {
  return { section, step: 0, description: section, message: `timed out after ${ms} ms` };
}

/**
 * Runs one test: setup, the test's steps, teardown (always, even after a failure), then `wipe`.
 * Setup and steps share one deadline; teardown gets its own so it can still clean up after a
 * timeout. A teardown failure fails a test that had passed; after an earlier failure it is a note.
 * Never throws: runner bugs and unreadable requirements become a failed result.
 */
export async function runTest(file: TestFile, test: TestCase, ctx: RunContext, wipe: WipeFn): Promise<TestResult> {
  const started = Date.now();
  const finish = (fields: Omit<TestResult, 'name' | 'durationMs'>): TestResult => ({
    name: test.name, durationMs: Date.now() - started, ...fields,
  });

  let skipReason: string | undefined;
  try {
    skipReason = await decideSkip(file, test, ctx);
  } catch (err) {
    const message = `cannot evaluate requires/skip: ${err instanceof Error ? err.message : String(err)}`;
    return finish({ status: 'failed', failure: { section: 'runner', step: 0, description: 'requirements', message }, notes: [] });
  }
  if (skipReason !== undefined) return finish({ status: 'skipped', skipReason, notes: [] });

  const stash = new Stash();
  const tracked = newTrackedResources();
  const notes: string[] = [];
  const stateFor = (signal: AbortSignal): TestState => ({ stash, tracked, notes, signal, lastBody: undefined });

  const main = await withDeadline(ctx.testTimeoutMs, async (signal) => {
    const state = stateFor(signal);
    const setupFailure = file.setup ? await runSection(file.setup, 'setup', ctx, state) : undefined;
    return setupFailure ?? (await runSection(test.section, 'test', ctx, state));
  });
  let failure = main.done ? main.value : timedOut('test', ctx.testTimeoutMs);

  if (file.teardown) {
    const teardown = file.teardown;
    const down = await withDeadline(ctx.testTimeoutMs, (signal) => runSection(teardown, 'teardown', ctx, stateFor(signal)));
    const teardownFailure = down.done ? down.value : timedOut('teardown', ctx.testTimeoutMs);
    if (teardownFailure && failure) notes.push(`teardown also failed: ${teardownFailure.description}: ${teardownFailure.message}`);
    failure = failure ?? teardownFailure;
  }

  try {
    notes.push(...(await wipe(tracked)));
  } catch (err) {
    notes.push(`wipe failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  return failure ? finish({ status: 'failed', failure, notes }) : finish({ status: 'passed', notes });
}

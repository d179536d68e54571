import type { DoStep } from './types';

export interface WarningCheck {
  /** Set when the warnings make the step fail. */
  readonly failure?: string;
  /** Warnings nobody declared, reported as notes when they are tolerated. */
  readonly unexpected: readonly string[];
}

// `warnings_regex`/`allowed_warnings_regex` must match a whole warning (Java `matches()`).
function fullMatch(pattern: string, text: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, 's').test(text);
  } catch {
    return false;
  }
}

/**
 * Compares the warnings a response carried with the step's declarations.
 *
 * Every `warnings`/`warnings_regex` entry must be present. Other warnings not listed in
 * `allowed_warnings(_regex)` fail the step when the step declared expected warnings or when
 * `strict` is set; otherwise they are only reported. Being lenient by default is deliberate:
 * a real cluster adds deprecation warnings the clients-tests corpus does not declare (legacy
 * `_template` calls), and those say nothing about the API's behaviour.
 */
export function checkWarnings(step: DoStep, received: readonly string[], strict: boolean): WarningCheck {
  const expected = step.warnings ?? [];
  const expectedRegex = step.warningsRegex ?? [];
  const missing = [
    ...expected.filter((text) => !received.includes(text)),
    ...expectedRegex.filter((pattern) => !received.some((text) => fullMatch(pattern, text))).map((p) => `/${p}/`),
  ];
  const unexpected = received.filter((text) => !expected.includes(text)
    && !expectedRegex.some((pattern) => fullMatch(pattern, text))
    && !(step.allowedWarnings ?? []).includes(text)
    && !(step.allowedWarningsRegex ?? []).some((pattern) => fullMatch(pattern, text)));
  if (missing.length > 0) {
    return { failure: `expected warning(s) not received: ${missing.map((w) => JSON.stringify(w)).join(', ')}`, unexpected };
  }
  const declared = step.warnings !== undefined || step.warningsRegex !== undefined;
  if (unexpected.length > 0 && (declared || strict)) {
    return { failure: `unexpected warning(s): ${unexpected.map((w) => JSON.stringify(w)).join(', ')}`, unexpected };
  }
  return { unexpected };
}

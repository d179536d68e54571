/**
 * Next.js instrumentation hook: runs once per server instance, before any request is handled.
 *
 * Why it exists: EuiPopover (and everything built on it: EuiSuperDatePicker, EuiComboBox,
 * context menus, input popovers) evaluates `button instanceof HTMLElement` while rendering. Node
 * has no DOM, so on the server that throws `ReferenceError: HTMLElement is not defined` and the
 * page answers 500 (stack-notes, gotcha 4). An empty class makes the check simply false, which is
 * the correct answer on the server: there is no element there.
 *
 * `compiler.defineServer` cannot do this because it JSON-stringifies its values.
 */
export function register(): void {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const scope = globalThis as unknown as { HTMLElement?: unknown };
  // Never shadow a real DOM (for example a test runner that installed jsdom globally).
  if (scope.HTMLElement === undefined) {
    scope.HTMLElement = class HTMLElement {};
  }
}

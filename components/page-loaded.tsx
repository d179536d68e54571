'use client';

/**
 * The console's "this page shows its data" marker: a page renders it once its first answer from
 * the console API is on screen. `npm run bench:console` (bench/console.ts) and the e2e specs wait
 * for `[data-test-subj="pageLoaded"]` to time each page. Invisible; no layout.
 */
export function PageLoaded() {
  return <span hidden data-test-subj="pageLoaded" />;
}

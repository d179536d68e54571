'use client';

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

/**
 * The console's "this page shows its data" marker: a page renders it once its first answer from
 * the console API is on screen. `npm run bench:console` (bench/console.ts) and the e2e specs wait
 * for `[data-test-subj="pageLoaded"]` to time each page. Invisible; no layout.
 */
export function PageLoaded() {
  return <span hidden data-test-subj="pageLoaded" />;
}

const LoadedContext = createContext<((loaded: boolean) => void) | null>(null);

/**
 * Renders the marker for the page below it once one of its components reports its data shown
 * (usePageLoaded): pages nest their data components inside ConsolePage, which provides this.
 */
export function PageLoadedProvider({ children }: { children: ReactNode }) {
  const [loaded, setLoaded] = useState(false);
  return (
    <LoadedContext.Provider value={setLoaded}>
      {loaded && <PageLoaded />}
      {children}
    </LoadedContext.Provider>
  );
}

/** Reports whether this page's data is on screen (one call in the component that fetches it). */
export function usePageLoaded(loaded: boolean): void {
  const set = useContext(LoadedContext);
  useEffect(() => {
    set?.(loaded);
  }, [set, loaded]);
}

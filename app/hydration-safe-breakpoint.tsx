'use client';

import { CurrentEuiBreakpointContext, useEuiTheme } from '@elastic/eui';
import { useCallback, useSyncExternalStore, type ReactNode } from 'react';

function subscribeToResize(onChange: () => void): () => void {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
}

// The server has no viewport: `undefined` is what EUI itself computes there.
function getServerBreakpoint(): undefined {
  return undefined;
}

/**
 * Re-provides EUI's current-breakpoint context so that the first client render matches the server.
 *
 * EuiProvider computes the breakpoint from `window.innerWidth` in its very first client render,
 * while the server rendered with no breakpoint. Every breakpoint-driven component (page template,
 * page header, tables, EuiShowFor/EuiHideFor) can then render different markup during hydration
 * (React error #418 and a full client re-render). `useSyncExternalStore` hydrates with the server
 * snapshot and switches to the real breakpoint right after, without an effect or a mismatch.
 */
export function HydrationSafeBreakpoint({ children }: { children: ReactNode }) {
  const { euiTheme } = useEuiTheme();
  const breakpoints = euiTheme.breakpoint;

  // A string snapshot: stable between calls, so React does not loop.
  const getBreakpoint = useCallback((): string | undefined => {
    const width = window.innerWidth;
    let current: string | undefined;
    let currentMin = -1;
    for (const [name, min] of Object.entries(breakpoints)) {
      if (typeof min === 'number' && min <= width && min > currentMin) {
        current = name;
        currentMin = min;
      }
    }
    return current;
  }, [breakpoints]);

  const breakpoint = useSyncExternalStore(subscribeToResize, getBreakpoint, getServerBreakpoint);

  return <CurrentEuiBreakpointContext.Provider value={breakpoint}>{children}</CurrentEuiBreakpointContext.Provider>;
}

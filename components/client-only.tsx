'use client';

import { EuiLoadingSpinner } from '@elastic/eui';
import { useSyncExternalStore, type ReactNode } from 'react';

// Nothing ever changes after mount, so there is nothing to subscribe to.
const subscribeToNothing = () => () => {};
const onClient = () => true;
const onServer = () => false;

/**
 * Renders `children` only in the browser, after hydration; the server and the hydrating render show
 * `fallback` instead.
 *
 * For EUI components that make random ids while rendering (`htmlIdGenerator()` in class components
 * such as EuiBasicTable and EuiDataGrid): rendered on both sides they never agree, React keeps the
 * server's ids, and attributes like `aria-controls` end up pointing at nothing.
 *
 * `useSyncExternalStore` with a `false` server snapshot gives hydration the same tree the server
 * sent and then switches to `true`, with no effect and no extra state.
 */
export function ClientOnly({
  children,
  fallback = <EuiLoadingSpinner size="l" data-test-subj="clientOnlyFallback" />,
}: {
  children: ReactNode;
  fallback?: ReactNode;
}) {
  const isClient = useSyncExternalStore(subscribeToNothing, onClient, onServer);
  return <>{isClient ? children : fallback}</>;
}

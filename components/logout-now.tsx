'use client';

import { EuiLoadingSpinner, EuiPageTemplate } from '@elastic/eui';
import { useEffect, useRef } from 'react';
import { logout } from '@/lib/client';
import { ConsolePage } from './console-page';

/** Logs out as soon as it is shown (a POST with the console's origin: not forgeable cross-site). */
export function LogoutNow() {
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void logout();
  }, []);
  return (
    <ConsolePage breadcrumbs={[{ text: 'Logging out' }]} data-test-subj="logoutPage">
      <EuiPageTemplate.EmptyPrompt icon={<EuiLoadingSpinner size="xl" />} title={<h1>Logging out…</h1>} />
    </ConsolePage>
  );
}

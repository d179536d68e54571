'use client';

import { EuiButton, EuiPageTemplate } from '@elastic/eui';
import { ConsolePage } from './console-page';

/** The console's 404 page. The server sets the status; this only explains it. */
export function NotFoundPrompt() {
  return (
    <ConsolePage breadcrumbs={[{ text: 'Page not found' }]} data-test-subj="notFoundPage">
      <EuiPageTemplate.EmptyPrompt
        iconType="magnifyExclamation"
        color="subdued"
        title={<h1 data-test-subj="notFoundTitle">Page not found</h1>}
        body={<p>The page you asked for does not exist in this console. Check the address, or start again from the overview.</p>}
        actions={
          <EuiButton href="/" iconType="home" fill data-test-subj="notFoundHomeButton">
            Go to Overview
          </EuiButton>
        }
      />
    </ConsolePage>
  );
}

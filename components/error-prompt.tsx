'use client';

import { EuiButton, EuiButtonEmpty, EuiCode, EuiPageTemplate } from '@elastic/eui';
import { ConsolePage } from './console-page';

/**
 * What a page shows after an unexpected error. Deliberately no message and no stack trace: those
 * can carry internal details (hosts, paths, queries). The digest is an opaque id that matches the
 * server's log entry, so an operator can find the cause there.
 */
export function ErrorPrompt({ digest, onRetry }: { digest?: string; onRetry: () => void }) {
  return (
    <ConsolePage breadcrumbs={[{ text: 'Error' }]} data-test-subj="errorPage">
      <EuiPageTemplate.EmptyPrompt
        iconType="error"
        color="danger"
        title={<h1>Something went wrong</h1>}
        body={
          <>
            <p>The console could not display this page. Try again; if the problem persists, tell your administrator.</p>
            {digest && (
              <p>
                Reference: <EuiCode data-test-subj="errorDigest">{digest}</EuiCode>
              </p>
            )}
          </>
        }
        actions={[
          <EuiButton key="retry" iconType="refresh" fill onClick={onRetry} data-test-subj="errorRetryButton">
            Try again
          </EuiButton>,
          <EuiButtonEmpty key="home" href="/" iconType="home" data-test-subj="errorHomeButton">
            Go to Overview
          </EuiButtonEmpty>,
        ]}
      />
    </ConsolePage>
  );
}

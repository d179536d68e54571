'use client';

import { EuiCode, EuiPageTemplate } from '@elastic/eui';
import { ConsolePage } from './console-page';

/** Shown when the Next.js server runs without Signet's services (plain `next start`). */
export function NotServingPrompt() {
  return (
    <ConsolePage breadcrumbs={[{ text: 'Not running' }]} data-test-subj="notServingPage">
      <EuiPageTemplate.EmptyPrompt
        iconType="error"
        color="warning"
        title={<h1>Signet is not running in this process</h1>}
        body={
          <p>
            The console needs Signet&apos;s services and login. Start it with <EuiCode>signet serve</EuiCode> (or <EuiCode>npm start</EuiCode>).
          </p>
        }
      />
    </ConsolePage>
  );
}

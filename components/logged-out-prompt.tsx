'use client';

import { EuiButton, EuiPageTemplate } from '@elastic/eui';
import { ConsolePage } from './console-page';

export function LoggedOutPrompt() {
  return (
    <ConsolePage breadcrumbs={[{ text: 'Logged out' }]} data-test-subj="loggedOutPage">
      <EuiPageTemplate.EmptyPrompt
        iconType="logOut"
        title={<h1 data-test-subj="loggedOutTitle">You are logged out</h1>}
        body={<p>Your console session and your session at the identity provider have ended. Signing in again asks for your password.</p>}
        actions={
          <EuiButton href="/login" fill iconType="user" data-test-subj="loginAgainButton">
            Sign in again
          </EuiButton>
        }
      />
    </ConsolePage>
  );
}

'use client';

import { EuiButton, EuiCallOut, EuiLoadingSpinner, EuiPageTemplate, EuiSpacer } from '@elastic/eui';
import { signIn } from 'next-auth/react';
import { useEffect, useRef } from 'react';
import { ConsolePage } from './console-page';

/** next-auth's provider id for Keycloak (and the embedded provider that mimics it). */
const PROVIDER = 'keycloak';

/**
 * Starts the OpenID Connect sign-in on mount (next-auth needs its CSRF POST, which `signIn` does),
 * unless the previous attempt failed: then it explains and waits for a click.
 */
export function LoginRedirect({ callbackUrl, error, reauthenticate = false }: { callbackUrl: string; error?: string; reauthenticate?: boolean }) {
  const started = useRef(false);
  // OpenID Connect `prompt=login`: the provider re-authenticates even if its own session is alive.
  const params = reauthenticate ? { prompt: 'login' } : undefined;
  useEffect(() => {
    if (error !== undefined || started.current) return;
    started.current = true;
    void signIn(PROVIDER, { callbackUrl }, params);
  }, [callbackUrl, error, params]);
  return (
    <ConsolePage breadcrumbs={[{ text: 'Sign in' }]} data-test-subj="loginPage">
      <EuiPageTemplate.EmptyPrompt
        iconType="lock"
        title={<h1>Sign in to Signet</h1>}
        body={
          error === undefined ? (
            <p>
              <EuiLoadingSpinner size="m" /> Redirecting to the sign-in page…
            </p>
          ) : (
            <>
              <EuiCallOut title="Sign-in failed" color="danger" iconType="error" announceOnMount={false} data-test-subj="loginError">
                <p>{error}</p>
              </EuiCallOut>
              <EuiSpacer size="m" />
            </>
          )
        }
        actions={
          <EuiButton fill iconType="user" onClick={() => void signIn(PROVIDER, { callbackUrl }, params)} data-test-subj="loginButton">
            Sign in
          </EuiButton>
        }
      />
    </ConsolePage>
  );
}

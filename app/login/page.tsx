import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginRedirect } from '@/components/login-redirect';
import { NotServingPrompt } from '@/components/not-serving-prompt';
import { getConsoleContext, getConsoleUser, safeCallbackPath } from '@/lib/server';

export const metadata: Metadata = { title: { absolute: 'Sign in · Signet' } };
export const dynamic = 'force-dynamic';

/** next-auth's error codes (`?error=`), in words; anything else is "Default". */
const ERRORS: Record<string, string> = {
  OAuthSignin: 'The sign-in could not be started at the identity provider.',
  OAuthCallback: 'The identity provider’s answer could not be verified (the sign-in may have taken too long, or was opened in another browser).',
  Callback: 'The identity provider’s answer could not be processed.',
  AccessDenied: 'The identity provider refused the sign-in.',
  Configuration: 'The console’s login is misconfigured; see the server log.',
  SessionRequired: 'Please sign in to continue.',
  Default: 'The sign-in did not complete.',
};

/**
 * `/login`: sends the browser straight to the identity provider (no intermediate button page),
 * then back to `callbackUrl`, which is reduced to a same-origin path (no open redirect).
 */
export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = getConsoleContext();
  if (ctx === null) return <NotServingPrompt />;
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl, ctx.publicUrl);
  const errorCode = typeof params.error === 'string' ? params.error : undefined;
  const error = errorCode === undefined ? undefined : (ERRORS[errorCode] ?? ERRORS.Default);
  const { user } = await getConsoleUser();
  if (user !== null && error === undefined) redirect(callbackUrl);
  // After an expired (or refused) session the provider must ask for the password again.
  const reauthenticate = params.reason === 'expired';
  return <LoginRedirect callbackUrl={callbackUrl} error={error} reauthenticate={reauthenticate} />;
}

'use client';

import { ErrorPrompt } from '@/components/error-prompt';

/**
 * Error boundary for every page below the root layout. In production, errors thrown on the server
 * arrive here with a generic message and a `digest`; only the digest is shown (see ErrorPrompt).
 */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest =
    typeof error === 'object' && error !== null && 'digest' in error && typeof error.digest === 'string'
      ? error.digest
      : undefined;
  return <ErrorPrompt digest={digest} onRetry={retry} />;
}

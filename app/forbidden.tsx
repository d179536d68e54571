import type { Metadata } from 'next';
import { ForbiddenPrompt } from '@/components/forbidden-prompt';
import { getConsoleUser } from '@/lib/server';

export const metadata: Metadata = { title: { absolute: 'Access denied · Signet' } };

/** Rendered by `forbidden()` (console layout) with HTTP 403: signed in, but no console role. */
export default async function Forbidden() {
  const { user } = await getConsoleUser();
  return <ForbiddenPrompt username={user?.username ?? null} roles={user === null ? [] : [...user.roles]} />;
}

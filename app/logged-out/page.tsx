import type { Metadata } from 'next';
import { LoggedOutPrompt } from '@/components/logged-out-prompt';

export const metadata: Metadata = { title: { absolute: 'Logged out · Signet' } };

/** `/logged-out`: where the identity provider sends the browser after logout. Public. */
export default function LoggedOutPage() {
  return <LoggedOutPrompt />;
}

import type { Metadata } from 'next';
import { LogoutNow } from '@/components/logout-now';

export const metadata: Metadata = { title: { absolute: 'Logging out · Signet' } };

/**
 * `/logout`: a bookmarkable logout, also where next-auth's own `/api/auth/signout` page points.
 * It runs the console's full logout (session cookie and IdP session), never next-auth's
 * cookie-only sign-out.
 */
export default function LogoutPage() {
  return <LogoutNow />;
}

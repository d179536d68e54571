import type { Metadata } from 'next';
import { ConfigurationPage } from '@/components/configuration-page';

export const metadata: Metadata = { title: 'Configuration' };

/** `/configuration`: the signed fields (operators edit them) and the retention policies. */
export default function Page() {
  return <ConfigurationPage />;
}

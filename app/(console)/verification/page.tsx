import type { Metadata } from 'next';
import { PlannedPage } from '@/components/planned-page';

export const metadata: Metadata = { title: 'Verification' };

/** `/verification`: not built yet; the empty state says which issue delivers it. */
export default function Page() {
  return <PlannedPage pageId="verification" />;
}

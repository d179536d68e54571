import type { Metadata } from 'next';
import { CorruptionsPage } from '@/components/corruptions-page';

export const metadata: Metadata = { title: 'Corruptions' };

/** `/corruptions`: open and acknowledged corruptions; acknowledge one or a time range (auditors). */
export default function Page() {
  return <CorruptionsPage />;
}

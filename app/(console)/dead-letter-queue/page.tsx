import type { Metadata } from 'next';
import { DlqPage } from '@/components/dlq-page';

export const metadata: Metadata = { title: 'Dead letter queue' };

/** `/dead-letter-queue`: DLQ files waiting for recovery, the rejected area, and recovery (operators). */
export default function Page() {
  return <DlqPage />;
}

import type { Metadata } from 'next';
import { AuditLogPage } from '@/components/audit-log-page';

export const metadata: Metadata = { title: 'Audit log' };

/** `/audit-log`: every console action, login and verification run (viewer and up; read-only). */
export default function Page() {
  return <AuditLogPage />;
}

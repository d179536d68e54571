import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { VerificationReportPage } from '@/components/verification-report-page';
import { reportIdSchema } from '@/lib/shared';

export const metadata: Metadata = { title: 'Verification report' };

/** `/verification/<report id>`: one report (viewer and up); an id that cannot be a report id is a 404. */
export default async function Page({ params }: { params: Promise<{ reportId: string }> }) {
  const id = reportIdSchema.safeParse((await params).reportId);
  if (!id.success) notFound();
  return <VerificationReportPage reportId={id.data} />;
}

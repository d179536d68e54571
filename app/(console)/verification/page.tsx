import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { VerificationPage } from '@/components/verification-page';
import { chainNameSchema, reportIdSchema } from '@/lib/shared';

export const metadata: Metadata = { title: 'Verification' };

/**
 * `/verification[?chain=…]`: start and follow runs (auditors), the report history (viewer and up).
 * `?report=<id>` is a link form of `/verification/<id>` (other pages may link either way).
 */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const report = reportIdSchema.safeParse(params.report);
  if (report.success) redirect(`/verification/${report.data}`);
  const chain = chainNameSchema.safeParse(params.chain);
  return <VerificationPage initialChain={chain.success ? chain.data : null} />;
}

import type { Metadata } from 'next';
import { VerificationPage } from '@/components/verification-page';
import { chainNameSchema } from '@/lib/shared';

export const metadata: Metadata = { title: 'Verification' };

/** `/verification[?chain=…]`: start and follow runs (auditors), the report history (viewer and up). */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const chain = chainNameSchema.safeParse((await searchParams).chain);
  return <VerificationPage initialChain={chain.success ? chain.data : null} />;
}

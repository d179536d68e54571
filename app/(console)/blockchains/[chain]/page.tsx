import type { Metadata } from 'next';
import { BlockchainDetailPage } from '@/components/blockchain-detail-page';

export const metadata: Metadata = { title: 'Blockchain' };

/** The segment as text; a malformed escape stays as received (the page then says it is no chain name). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * `/blockchains/{module}-{customer}-{retention}-{tag}`: one blockchain. The name is validated in
 * the page (a clear message) and again by the API (400), since it becomes an index pattern.
 */
export default async function Page({ params }: { params: Promise<{ chain: string }> }) {
  const { chain } = await params;
  return <BlockchainDetailPage chain={decodeSegment(chain)} />;
}

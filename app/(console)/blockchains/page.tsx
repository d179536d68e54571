import type { Metadata } from 'next';
import { BlockchainsPage } from '@/components/blockchains-page';

export const metadata: Metadata = { title: 'Blockchains' };

/** `/blockchains`: every blockchain with its head, rate, data streams and last verification. */
export default function Page() {
  return <BlockchainsPage />;
}

import type { Metadata } from 'next';
import { connection } from 'next/server';
import { OverviewPage } from '@/components/overview-page';
import type { ProductInfo } from '@/components/product-info';
import packageJson from '@/package.json';
import { SIGNING_FORMAT_VERSION } from '@/lib/shared';

// `absolute`: the root layout's title template applies to child segments only, not to this page,
// which shares the root segment.
export const metadata: Metadata = { title: { absolute: 'Overview · Signet' } };


/** `/`: a Server Component that gathers plain data and hands it to the client-side EUI page. */
export default async function Page() {
  // Render per request, never at build time (the EuiPopover's server render needs the
  // `HTMLElement` stub that instrumentation.ts installs only in the server), and per user.
  await connection();

  const product: ProductInfo = {
    name: 'Signet',
    // Read on the server; only this string reaches the browser, not package.json.
    version: packageJson.version,
    signingFormatVersion: SIGNING_FORMAT_VERSION,
  };
  return <OverviewPage product={product} />;
}

import type { Metadata } from 'next';
import { connection } from 'next/server';
import { OverviewPage } from '@/components/overview-page';
import type { ProductInfo } from '@/components/product-info';
import packageJson from '@/package.json';
import { getConsoleContext, getConsoleUser } from '@/lib/server';
import { SIGNING_FORMAT_VERSION, type OverviewDto } from '@/lib/shared';

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
  // Health and alerts in the first HTML (the service directly, never our own /api); the browser
  // keeps them live through GET /api/console/overview. Authorized here too, not only in the layout.
  const { user } = await getConsoleUser();
  const overview = getConsoleContext()?.services.overview;
  const initial: OverviewDto | undefined = user?.permissions.includes('read') === true && overview !== undefined ? await overview.describe().catch(() => undefined) : undefined;
  return <OverviewPage product={product} initial={initial} />;
}

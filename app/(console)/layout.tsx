import { forbidden, redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { ConsoleChrome } from '@/components/console-chrome';
import { NotServingPrompt } from '@/components/not-serving-prompt';
import type { ProductInfo } from '@/components/product-info';
import packageJson from '@/package.json';
import { getConsoleContext, getConsoleUser } from '@/lib/server';
import { SIGNING_FORMAT_VERSION } from '@/lib/shared';

// The AUTHORITATIVE check for every console page (proxy.ts is only the optimistic gate): no
// valid session → /login; signed in without a console role → forbidden(), which renders
// app/forbidden.tsx with a real HTTP 403.
export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const { user, serving } = await getConsoleUser();
  if (!serving) return <NotServingPrompt />;
  if (user === null) redirect('/login');
  if (!user.permissions.includes('read')) forbidden();
  const product: ProductInfo = { name: 'Signet', version: packageJson.version, signingFormatVersion: SIGNING_FORMAT_VERSION };
  return (
    <ConsoleChrome user={{ username: user.username, roles: [...user.consoleRoles], permissions: [...user.permissions] }} product={product} embeddedIdp={getConsoleContext()?.embeddedIdp ?? false}>
      {children}
    </ConsoleChrome>
  );
}

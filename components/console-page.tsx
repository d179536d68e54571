'use client';

import { EuiPageTemplate, useEuiTheme, type EuiBreadcrumb, type EuiPageTemplateProps } from '@elastic/eui';
import type { ReactNode } from 'react';
import { useConsoleChrome } from './console-chrome';
import { ConsoleHeader } from './console-header';
import { ConsoleSideNav } from './console-side-nav';
import { PageLoadedProvider } from './page-loaded';
import { PageLoaded } from './page-loaded';
import type { ProductInfo } from './product-info';

/**
 * The console's page chrome: the header above an EuiPageTemplate, with the side navigation on
 * signed-in pages. Children are the template's
 * slots (`EuiPageTemplate.Header`, `.Section`, `.EmptyPrompt`, ...). `loaded`: the page's data is
 * on screen (renders the PageLoaded marker that bench:console and e2e specs wait for).
 */
export function ConsolePage({
  breadcrumbs,
  product,
  restrictWidth,
  children,
  loaded,
  'data-test-subj': testSubj,
}: {
  breadcrumbs: EuiBreadcrumb[];
  product?: ProductInfo;
  restrictWidth?: EuiPageTemplateProps['restrictWidth'];
  children: ReactNode;
  loaded?: boolean;
  'data-test-subj'?: string;
}) {
  const { euiTheme } = useEuiTheme();
  const chrome = useConsoleChrome();
  return (
    <PageLoadedProvider>
      <ConsoleHeader breadcrumbs={breadcrumbs} product={product} />
      {loaded === true && <PageLoaded />}
      <EuiPageTemplate
        grow
        restrictWidth={restrictWidth}
        // The template fills the viewport by default; the static header (EUI's header height is
        // the theme's size.xxxl) sits above it, so subtract it instead of scrolling by that much.
        minHeight={`calc(100vh - ${euiTheme.size.xxxl})`}
        data-test-subj={testSubj}
      >
        {chrome?.navOpen && (
          <EuiPageTemplate.Sidebar sticky minWidth={220} id="consoleSideNav" data-test-subj="consoleSidebar">
            <ConsoleSideNav />
          </EuiPageTemplate.Sidebar>
        )}
        {children}
      </EuiPageTemplate>
    </PageLoadedProvider>
  );
}

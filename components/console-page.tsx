'use client';

import { EuiPageTemplate, useEuiTheme, type EuiBreadcrumb, type EuiPageTemplateProps } from '@elastic/eui';
import type { ReactNode } from 'react';
import { useConsoleChrome } from './console-chrome';
import { ConsoleHeader } from './console-header';
import { ConsoleSideNav } from './console-side-nav';
import type { ProductInfo } from './product-info';

/**
 * The console's page chrome: the header above an EuiPageTemplate, with the side navigation on
 * signed-in pages. Children are the template's
 * slots (`EuiPageTemplate.Header`, `.Section`, `.EmptyPrompt`, ...).
 */
export function ConsolePage({
  breadcrumbs,
  product,
  restrictWidth,
  children,
  'data-test-subj': testSubj,
}: {
  breadcrumbs: EuiBreadcrumb[];
  product?: ProductInfo;
  restrictWidth?: EuiPageTemplateProps['restrictWidth'];
  children: ReactNode;
  'data-test-subj'?: string;
}) {
  const { euiTheme } = useEuiTheme();
  const chrome = useConsoleChrome();
  return (
    <>
      <ConsoleHeader breadcrumbs={breadcrumbs} product={product} />
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
    </>
  );
}

'use client';

import { EuiPageTemplate } from '@elastic/eui';
import type { ReactNode } from 'react';
import { ClientOnly } from './client-only';
import { ConsolePage } from './console-page';

/**
 * The frame of a navigation page whose content renders in the browser only (EUI tables make
 * random ids while rendering: stack-notes): breadcrumbs Signet › title, the title header with its
 * description, and one section holding `children` behind ClientOnly.
 */
export function BrowserSectionPage({ title, description, testSubj, children }: { title: string; description: string; testSubj: string; children: ReactNode }) {
  return (
    <ConsolePage breadcrumbs={[{ text: 'Signet', href: '/' }, { text: title }]} data-test-subj={testSubj}>
      <EuiPageTemplate.Header pageTitle={title} pageTitleProps={{ 'data-test-subj': 'pageTitle' }} description={description} bottomBorder />
      <EuiPageTemplate.Section>
        <ClientOnly>{children}</ClientOnly>
      </EuiPageTemplate.Section>
    </ConsolePage>
  );
}

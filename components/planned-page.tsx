'use client';

import { EuiPageTemplate } from '@elastic/eui';
import { CONSOLE_PAGES } from '@/lib/shared';
import { ConsolePage } from './console-page';

/**
 * A console page that is not built yet: an honest empty state naming what it will show and which
 * issue delivers it. No sample or made-up data.
 */
export function PlannedPage({ pageId }: { pageId: string }) {
  const page = CONSOLE_PAGES.find((p) => p.id === pageId);
  const title = page?.title ?? 'Page';
  return (
    <ConsolePage breadcrumbs={[{ text: 'Signet', href: '/' }, { text: title }]} data-test-subj={`plannedPage-${pageId}`}>
      <EuiPageTemplate.Header pageTitle={title} pageTitleProps={{ 'data-test-subj': 'pageTitle' }} bottomBorder />
      <EuiPageTemplate.EmptyPrompt
        iconType={page?.icon ?? 'info'}
        color="subdued"
        title={<h2>Not available yet</h2>}
        body={
          <>
            <p>{page?.description}</p>
            <p data-test-subj="plannedPageIssue">This page is delivered by {page?.issue ?? 'a later issue'}. Until then it shows no data rather than made-up data.</p>
          </>
        }
      />
    </ConsolePage>
  );
}

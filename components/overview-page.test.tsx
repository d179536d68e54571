// @vitest-environment jsdom
import { EuiProvider } from '@elastic/eui';
import { EuiThemeBorealis } from '@elastic/eui-theme-borealis';
import { cleanup, configure, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { OverviewPage } from './overview-page';
import type { ProductInfo } from './product-info';

// EUI's (and the e2e suite's) test-id attribute.
configure({ testIdAttribute: 'data-test-subj' });
afterEach(cleanup);

const product: ProductInfo = { name: 'Signet', version: '9.8.7-test', signingFormatVersion: 1 };

function withEui(ui: ReactNode) {
  return render(
    <EuiProvider theme={EuiThemeBorealis} colorMode="light">
      {ui}
    </EuiProvider>,
  );
}

describe('OverviewPage', () => {
  it('shows the page title, the product facts it was given and what Signet does', () => {
    withEui(<OverviewPage product={product} />);

    expect(screen.getByRole('heading', { level: 1, name: 'Overview' })).toBeTruthy();
    expect(screen.getByTestId('productName').textContent).toBe('Signet');
    expect(screen.getByTestId('productVersion').textContent).toBe('9.8.7-test');
    expect(screen.getByTestId('signingFormatVersion').textContent).toBe('1');

    const capabilities = within(screen.getByTestId('capabilities'));
    expect(capabilities.getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent)).toEqual([
      'Per-blockchain hash chains',
      'Elasticsearch data streams',
      'Dead letter queue',
      'Verification',
    ]);
    // Honest content only: nothing on the page pretends to be a live metric.
    expect(screen.getByTestId('overviewScopeCallout').textContent).toContain('does not yet show health');
  });

  it('opens the About popover with the version and closes it again', async () => {
    withEui(<OverviewPage product={product} />);
    const button = screen.getByTestId('aboutButton');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByTestId('aboutPopover')).toBeNull();

    fireEvent.click(button);

    const popover = await screen.findByTestId('aboutPopover');
    expect(within(popover).getByTestId('aboutVersion').textContent).toBe('9.8.7-test');
    expect(within(popover).getByTestId('aboutSigningFormat').textContent).toBe('version 1');
    expect(button.getAttribute('aria-expanded')).toBe('true');

    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });
});

// @vitest-environment jsdom
import { EuiPageTemplate, EuiProvider } from '@elastic/eui';
import { EuiThemeBorealis } from '@elastic/eui-theme-borealis';
import { cleanup, configure, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsoleChrome } from './console-chrome';
import { ForbiddenPrompt } from './forbidden-prompt';
import { ConsolePage } from './console-page';

vi.mock('next/navigation', () => ({ usePathname: () => '/blockchains' }));

configure({ testIdAttribute: 'data-test-subj' });
afterEach(cleanup);

const product = { name: 'Signet', version: '1.2.3', signingFormatVersion: 1 };
const withEui = (ui: ReactNode) => render(<EuiProvider theme={EuiThemeBorealis} colorMode="light">{ui}</EuiProvider>);

describe('console shell', () => {
  it('shows the side navigation with the current page, a collapsible toggle and the user menu', async () => {
    withEui(
      <ConsoleChrome user={{ username: 'operator', roles: ['signet-operator'], permissions: ['session', 'read', 'operate'] }} product={product} embeddedIdp>
        <ConsolePage breadcrumbs={[{ text: 'Signet', href: '/' }, { text: 'Blockchains' }]}>
          <EuiPageTemplate.Header pageTitle="Blockchains" pageTitleProps={{ 'data-test-subj': 'pageTitle' }} />
        </ConsolePage>
      </ConsoleChrome>,
    );
    expect(screen.getByTestId('pageTitle').textContent).toBe('Blockchains');
    const nav = screen.getByTestId('consoleSideNav');
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Overview', 'Blockchains', 'Dead letter queue', 'Verification', 'Corruptions', 'Configuration', 'Audit log']);
    expect(within(nav).getByText('Blockchains').closest('a')?.getAttribute('aria-current')).toBe('page');

    fireEvent.click(screen.getByTestId('navToggle'));
    expect(screen.queryByTestId('consoleSideNav')).toBeNull();
    fireEvent.click(screen.getByTestId('navToggle'));
    expect(screen.getByTestId('consoleSideNav')).toBeTruthy();

    fireEvent.click(screen.getByTestId('userMenuButton'));
    const menu = await screen.findByTestId('userMenu');
    expect(within(menu).getByTestId('userMenuUsername').textContent).toBe('operator');
    expect(within(menu).getByTestId('userMenuRoles').textContent).toBe('signet-operator');
    expect(within(menu).getByTestId('logoutButton')).toBeTruthy();
  });

  it('the 403 prompt names the user, lists their roles and offers a logout', () => {
    withEui(<ForbiddenPrompt username="bob" roles={['offline_access']} />);
    expect(screen.getByTestId('forbiddenTitle').textContent).toBe('403 — Access denied');
    expect(screen.getByTestId('forbiddenUsername').textContent).toBe('bob');
    expect(screen.getByTestId('forbiddenRoles').textContent).toBe('offline_access');
    expect(screen.getByTestId('logoutButton')).toBeTruthy();
    // Outside the console layout: no navigation, no user menu.
    expect(screen.queryByTestId('consoleSideNav')).toBeNull();
    expect(screen.queryByTestId('userMenuButton')).toBeNull();
  });
});

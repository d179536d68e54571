// @vitest-environment jsdom
import { EuiProvider } from '@elastic/eui';
import { EuiThemeBorealis } from '@elastic/eui-theme-borealis';
import { cleanup, configure, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DlqOverviewDto } from '@/lib/shared';
import { ConsoleChrome } from './console-chrome';
import { DlqPage } from './dlq-page';

vi.mock('next/navigation', () => ({ usePathname: () => '/dead-letter-queue' }));
const state: { data: DlqOverviewDto } = { data: { signed: [], rejected: [], archivedFiles: 0, unknownEntries: 0, totals: { signedEntries: 0, rejectedEntries: 0, tornFiles: 0, badLines: 0 } } };
const recover = vi.fn();
vi.mock('@/lib/client', () => ({
  useDlq: () => ({ data: state.data, error: undefined, isLoading: false, mutate: async () => undefined }),
  recoverDlq: (files?: string[]) => recover(files),
}));

configure({ testIdAttribute: 'data-test-subj' });
afterEach(cleanup);

const product = { name: 'Signet', version: '1.2.3', signingFormatVersion: 1 };
const file = { relPath: 'acme/logs-app-2026.12.06.ndjson', customer: 'acme', dataStream: 'logs-app', date: '2026.12.06', entries: 3, errorTypes: { mapper_parsing_exception: 3 }, badLines: 0, tornTail: true, bytes: 900, modified: '2026-12-06T10:00:00.000Z', version: '900:1765000000000' };
const page = (permissions: string[]) =>
  render(
    <EuiProvider theme={EuiThemeBorealis} colorMode="light">
      <ConsoleChrome user={{ username: 'u', roles: [], permissions }} product={product} embeddedIdp>
        <DlqPage />
      </ConsoleChrome>
    </EuiProvider>,
  );

describe('dead letter queue page', () => {
  it('says the queue is empty and what happens next', () => {
    page(['session', 'read']);
    expect(screen.getByTestId('dlqEmpty').textContent).toBe('The dead letter queue is empty');
  });

  it('lists files; only operators get Recover, behind a confirm modal', async () => {
    state.data = { ...state.data, signed: [file], totals: { signedEntries: 3, rejectedEntries: 0, tornFiles: 1, badLines: 0 } };
    page(['session', 'read']);
    expect(screen.getByTestId('dlqSignedTable').textContent).toContain('acme/logs-app-2026.12.06.ndjson');
    expect(screen.queryByTestId('dlqRecoverButton')).toBeNull();
    cleanup();
    recover.mockResolvedValue({ files: [], totals: { recovered: 3, alreadyStored: 0, failed: 0, badLines: 0, tornFiles: 0, remainingEntries: 0 }, rejected: { files: 0, entries: 0 }, stoppedBy: null, notAttempted: [], complete: true });
    page(['session', 'read', 'operate']);
    fireEvent.click(screen.getByTestId('dlqRecoverButton'));
    expect(recover).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('confirmModalConfirmButton'));
    expect(await screen.findByTestId('dlqToastSuccess')).toBeTruthy();
    expect(recover).toHaveBeenCalledWith(undefined);
  });
});

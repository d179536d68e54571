// @vitest-environment jsdom
import { EuiProvider } from '@elastic/eui';
import { EuiThemeBorealis } from '@elastic/eui-theme-borealis';
import { cleanup, configure, fireEvent, render, screen, within } from '@testing-library/react';
import { useReducer } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DlqEntriesDto, DlqOverviewDto, DlqRecoveryJobDto } from '@/lib/shared';
import { ConsoleChrome } from './console-chrome';
import { DlqPage } from './dlq-page';

vi.mock('next/navigation', () => ({ usePathname: () => '/dead-letter-queue' }));
const EMPTY: DlqOverviewDto = { signed: [], rejected: [], archivedFiles: 0, unknownEntries: 0, totals: { signedEntries: 0, rejectedEntries: 0, tornFiles: 0, badLines: 0 } };
const state: { data: DlqOverviewDto; job: DlqRecoveryJobDto | null; entries: DlqEntriesDto | undefined; afterStart: ((j: DlqRecoveryJobDto) => DlqRecoveryJobDto) | null } = { data: EMPTY, job: null, entries: undefined, afterStart: null };
const listeners = new Set<() => void>();
const start = vi.fn();
const archive = vi.fn();
const entriesCalls: unknown[][] = [];
vi.mock('@/lib/client', () => ({
  useDlq: () => ({ data: state.data, error: undefined, isLoading: false, mutate: async () => undefined }),
  useDlqRecovery: () => {
    const [, force] = useReducer((x: number) => x + 1, 0);
    listeners.add(force);
    return {
      data: { job: state.job },
      mutate: async (d: { job: DlqRecoveryJobDto }) => {
        state.job = state.afterStart === null ? d.job : state.afterStart(d.job);
        for (const l of listeners) l();
      },
    };
  },
  useDlqEntries: (...args: unknown[]) => {
    entriesCalls.push(args);
    return { data: state.entries, error: undefined, isLoading: false };
  },
  startDlqRecovery: (files?: unknown) => start(files),
  archiveDlqFile: (file: unknown) => archive(file),
}));

configure({ testIdAttribute: 'data-test-subj' });
beforeEach(() => {
  state.data = EMPTY;
  state.job = null;
  state.entries = undefined;
  state.afterStart = null;
  start.mockReset();
  archive.mockReset();
  entriesCalls.length = 0;
});
afterEach(() => {
  cleanup();
  listeners.clear();
});

const product = { name: 'Signet', version: '1.2.3', signingFormatVersion: 1 };
const file = { relPath: 'acme/logs-app-2026-12-06.ndjson', customer: 'acme', dataStream: 'logs-app', date: '2026-12-06', entries: 3, errorTypes: { mapper_parsing_exception: 3 }, badLines: 0, tornTail: true, bytes: 900, modified: '2026-12-06T10:00:00.000Z', version: '900:1765000000000' };
const withFile = (): DlqOverviewDto => ({ ...EMPTY, signed: [file], totals: { signedEntries: 3, rejectedEntries: 0, tornFiles: 1, badLines: 0 } });
const job = (over: Partial<DlqRecoveryJobDto> = {}): DlqRecoveryJobDto => ({
  id: 'j1', state: 'running', startedBy: 'op', startedAt: '2026-12-06T10:00:00.000Z', finishedAt: null, files: null, progress: { currentFile: file.relPath, filesDone: 0, filesTotal: 1, entriesDone: 1, entriesTotal: 3 }, report: null, error: null, ...over,
});
const report = { files: [{ relPath: file.relPath, dataStream: 'logs-app', entries: 3, recovered: 3, alreadyStored: 0, failedCount: 0, action: 'moved' as const }], totals: { recovered: 3, alreadyStored: 0, failed: 0, badLines: 0, tornFiles: 0, remainingEntries: 0 }, rejected: { files: 0, entries: 0 }, stoppedBy: null, notAttempted: [], complete: true };
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

  it('viewers see files but no Recover or Archive', () => {
    state.data = withFile();
    page(['session', 'read']);
    expect(screen.getByTestId('dlqSignedTable').textContent).toContain(file.relPath);
    expect(screen.queryByTestId('dlqRecoverButton')).toBeNull();
    expect(screen.queryByTestId('dlqArchiveButton')).toBeNull();
    expect(screen.getByTestId('dlqEntriesButton')).toBeTruthy();
  });

  it('operators recover after a confirmation: the run starts in the background, then the summary shows', async () => {
    state.data = withFile();
    start.mockResolvedValue(job());
    state.afterStart = (j) => ({ ...j, state: 'done', finishedAt: '2026-12-06T10:00:02.000Z', report });
    page(['session', 'read', 'operate']);
    fireEvent.click(screen.getByTestId('dlqRecoverButton'));
    expect(start).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('confirmModalConfirmButton'));
    expect(await screen.findByTestId('dlqToastSuccess')).toBeTruthy();
    expect(start).toHaveBeenCalledWith(undefined);
    expect(screen.getByTestId('dlqRecoverySummary').textContent).toContain('3 recovered');
  });

  it('shows a running recovery with its progress and no second Recover', () => {
    state.data = withFile();
    state.job = job();
    page(['session', 'read', 'operate']);
    expect(screen.getByTestId('dlqRecoveryProgress').textContent).toContain('1 of 3 entries');
    expect(screen.getByTestId('dlqRecoverButton').hasAttribute('disabled')).toBe(true);
  });

  it('opens a file: entries with the Elasticsearch error, and the document as stored (big numbers kept)', () => {
    state.data = withFile();
    state.entries = {
      relPath: file.relPath, kind: 'signed', version: file.version, total: 1, page: 0, size: 20, tornTail: false,
      entries: [{ line: 1, problem: null, error: { type: 'document_parsing_exception', reason: 'failed to parse field [message]' }, reason: null, receivedAt: null, iteration: 7, timestamp: '2026-12-06T10:00:00Z', text: '{"message":{"n":9007199254740993},"ES_BLOCKCHAIN":{"iteration":7}}', truncated: false }],
    };
    page(['session', 'read']);
    fireEvent.click(screen.getByTestId('dlqEntriesButton'));
    const flyout = screen.getByTestId('dlqFlyout');
    expect(within(flyout).getByTestId('dlqEntryErrorType').textContent).toContain('document_parsing_exception');
    fireEvent.click(within(flyout).getByTestId('dlqEntryToggle'));
    expect(within(flyout).getByTestId('dlqEntryError').textContent).toContain('failed to parse field [message]');
    expect(within(flyout).getByTestId('dlqEntryDocument').textContent).toContain('9007199254740993');
    expect(entriesCalls.at(-1)).toEqual([file.relPath, 0, 20, '']);
    fireEvent.change(within(flyout).getByTestId('dlqEntriesSearch'), { target: { value: 'parse' } });
    fireEvent.keyUp(within(flyout).getByTestId('dlqEntriesSearch'), { key: 'Enter' });
    expect(entriesCalls.at(-1)).toEqual([file.relPath, 0, 20, 'parse']);
  });

  it('archives a file after a confirmation, sending the version it listed; a changed file is reported', async () => {
    state.data = withFile();
    archive.mockRejectedValueOnce(new Error('dead letter queue file acme/logs-app-2026-12-06.ndjson changed since it was listed'));
    page(['session', 'read', 'operate']);
    fireEvent.click(screen.getByTestId('dlqArchiveButton'));
    expect(screen.getByTestId('dlqArchiveModal')).toBeTruthy();
    fireEvent.click(screen.getByTestId('confirmModalConfirmButton'));
    expect((await screen.findByTestId('dlqToastArchiveError')).textContent).toContain('changed since it was listed');
    expect(archive).toHaveBeenCalledWith(file);
    archive.mockResolvedValueOnce({ relPath: file.relPath, archivedTo: 'acme/archive_dlq/logs-app-2026-12-06.ndjson' });
    fireEvent.click(screen.getByTestId('dlqArchiveButton'));
    fireEvent.click(screen.getByTestId('confirmModalConfirmButton'));
    expect((await screen.findByTestId('dlqToastArchived')).textContent).toContain('acme/archive_dlq/');
  });
});

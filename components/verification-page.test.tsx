// @vitest-environment jsdom
import { EuiProvider } from '@elastic/eui';
import { EuiThemeBorealis } from '@elastic/eui-theme-borealis';
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VerificationOverviewDto, VerificationReportDto, VerificationReportPageDto, VerificationRunDto } from '@/lib/shared';
import { ConsoleChrome } from './console-chrome';
import { VerificationPage } from './verification-page';
import { VerificationReportPage } from './verification-report-page';

vi.mock('next/navigation', () => ({ usePathname: () => '/verification' }));

const CHAIN = 'elproxysigned-acme-6_months-0';
const REPORT_ID = `${CHAIN}-20261206T101500Z-a1b2c3`;
const run = (o: Partial<VerificationRunDto> = {}): VerificationRunDto => ({
  id: 'run-0123456789abcdef', chain: CHAIN, mode: 'full', state: 'running', phase: 'checking', startedBy: 'alice', startedAt: '2026-12-06T10:15:00.000Z', finishedAt: null, elapsedMs: 12_300, logsChecked: 300, logsTotal: 1200, cancelRequested: false, reportId: null, status: null, errors: null, warnings: null, problem: null, ...o,
});
const history: VerificationReportPageDto = { total: 1, reports: [{ id: REPORT_ID, chain: CHAIN, mode: 'full', status: 'ok', startedAt: '2026-12-06T10:15:00.000Z', finishedAt: '2026-12-06T10:15:02.000Z', durationMs: 2000, logsChecked: 1200, errorsTotal: 0, warnings: 0, acknowledged: 0 }] };
const state: { overview: VerificationOverviewDto; report: VerificationReportDto | undefined } = { overview: { runs: [], chains: [] }, report: undefined };
const start = vi.fn();
const cancel = vi.fn();
vi.mock('@/lib/client', () => ({
  useVerificationOverview: () => ({ data: state.overview, error: undefined, isLoading: false, mutate: async () => undefined }),
  useVerificationReports: (chain: string) => ({ data: chain === '' || chain === CHAIN ? history : { total: 0, reports: [] }, error: undefined, isLoading: false, mutate: async () => undefined }),
  useVerificationReport: () => ({ data: state.report, error: undefined, isLoading: false }),
  startVerification: (input: unknown) => start(input),
  cancelVerification: (id: string) => cancel(id),
}));

configure({ testIdAttribute: 'data-test-subj' });
beforeEach(() => {
  state.overview = { runs: [], chains: [{ name: CHAIN, customer: 'acme', retention: '6_months', retentionDays: 180 }] };
  start.mockReset();
  cancel.mockReset();
});
afterEach(cleanup);

const product = { name: 'Signet', version: '1.2.3', signingFormatVersion: 1 };
const page = (permissions: string[], ui: ReactNode = <VerificationPage />) =>
  render(
    <EuiProvider theme={EuiThemeBorealis} colorMode="light">
      <ConsoleChrome user={{ username: 'u', roles: [], permissions }} product={product} embeddedIdp>
        {ui}
      </ConsoleChrome>
    </EuiProvider>,
  );
const pickFile = (content: string, name = 'acme_key.json') => fireEvent.change(screen.getByTestId('verificationKeyFile'), { target: { files: [new File([content], name, { type: 'application/json' })] } });

describe('verification page', () => {
  it('shows viewers the history and the runs, but no way to start or cancel', () => {
    state.overview = { ...state.overview, runs: [run()] };
    page(['session', 'read']);
    expect(screen.queryByTestId('verificationStartButton')).toBeNull();
    expect(screen.queryByTestId('verificationKeyFile')).toBeNull();
    expect(screen.queryByTestId('verificationCancelButton')).toBeNull();
    expect(screen.getByTestId('verificationReadOnly').textContent).toContain('auditor role');
    expect(screen.getByTestId('verificationHistoryTable').textContent).toContain(CHAIN);
    expect(screen.getByTestId('verificationReportLink').getAttribute('href')).toBe(`/verification/${REPORT_ID}`);
    expect(screen.getByTestId('verificationProgressText').textContent).toBe('300 / 1,200 logs checked');
  });

  it('an auditor starts a run with the key file: its text is sent once and the picker is cleared', async () => {
    start.mockResolvedValue(run({ phase: 'planning', logsChecked: 0, logsTotal: null }));
    page(['session', 'read', 'audit']);
    expect((screen.getByTestId('verificationStartButton') as HTMLButtonElement).disabled).toBe(true);
    pickFile('{"key":"ab","iteration":0}');
    fireEvent.click(screen.getByLabelText(/^Incremental/));
    fireEvent.click(screen.getByTestId('verificationStartButton'));
    expect(await screen.findByTestId('verificationToastStarted')).toBeTruthy();
    expect(start).toHaveBeenCalledWith({ chain: CHAIN, mode: 'incremental', keyFile: '{"key":"ab","iteration":0}', fileName: 'acme_key.json' });
    await waitFor(() => expect((screen.getByTestId('verificationStartButton') as HTMLButtonElement).disabled).toBe(true));
  });

  it("shows the API's message when the key file is not a key, and refuses oversized files without sending them", async () => {
    start.mockRejectedValue(new Error('invalid key file notes.txt: the key is not 64 lowercase hexadecimal characters'));
    page(['session', 'read', 'audit']);
    pickFile('hello', 'notes.txt');
    fireEvent.click(screen.getByTestId('verificationStartButton'));
    expect((await screen.findByTestId('verificationStartError')).textContent).toContain('invalid key file notes.txt: the key is not 64 lowercase hexadecimal characters');
    start.mockClear();
    pickFile('x'.repeat(20_000), 'big.json');
    fireEvent.click(screen.getByTestId('verificationStartButton'));
    expect((await screen.findByTestId('verificationStartError')).textContent).toContain('big.json is not a key file');
    expect(start).not.toHaveBeenCalled();
  });

  it('an auditor cancels a running run behind a confirmation', async () => {
    state.overview = { ...state.overview, runs: [run()] };
    cancel.mockResolvedValue(run({ cancelRequested: true }));
    page(['session', 'read', 'audit']);
    fireEvent.click(screen.getByTestId('verificationCancelButton'));
    expect(cancel).not.toHaveBeenCalled();
    fireEvent.click(within(screen.getByTestId('verificationCancelModal')).getByTestId('confirmModalConfirmButton'));
    await waitFor(() => expect(cancel).toHaveBeenCalledWith('run-0123456789abcdef'));
  });

  it('finished runs link to their report or say why they failed', () => {
    state.overview = { ...state.overview, runs: [run({ id: 'run-1111111111111111', state: 'succeeded', phase: 'done', reportId: REPORT_ID, status: 'critical', errors: 2, warnings: 0 }), run({ id: 'run-2222222222222222', state: 'failed', phase: 'done', problem: { code: 'ERR_VERIFY_WRONG_KEY', message: 'not one of the 20 logs verifies with this key' } })] };
    page(['session', 'read']);
    expect(screen.getByTestId('verificationRunReportLink').getAttribute('href')).toBe(`/verification/${REPORT_ID}`);
    expect(screen.getByTestId('verificationStatus-critical')).toBeTruthy();
    expect(screen.getByTestId('verificationRunProblem').textContent).toContain('not one of the 20 logs verifies');
  });
});

describe('verification report page', () => {
  it('shows the summary, errors with iterations and CorruptionIds, warnings and acknowledged entries', () => {
    state.report = {
      report_id: REPORT_ID, chain: CHAIN, identity: { module: 'elproxysigned', customer: 'acme', retention: '6_months', tag: '0' }, started_at: '2026-12-06T10:15:00.000Z', finished_at: '2026-12-06T10:15:02.000Z', duration_ms: 2000, mode: 'full', incremental_fallback: null, verified_from: 0, verified_to: 1199, logs_checked: 1200, last_full_verification_at: null, status: 'critical', exit_status: 2,
      warnings: [{ code: 'Duplicate Log Found', message: 'The blockchain contains duplicate logs, on iterations: [7]', iterations: [7] }],
      errors: [{ code: 'Log Verification Wrong Hash', type: 'Wrong Log Hash', corruption_id: 'eyJmcm9tX2l0ZXJhdGlvbiI6NX0=', iteration: 5 }, { code: 'Log Verification Bad Iteration', type: 'Missing logs', corruption_id: 'eyJmcm9tX2l0ZXJhdGlvbiI6MTB9', from_iteration: 10, to_iteration: 12 }],
      errors_total: 2,
      acknowledged: [{ code: 'Log Verification Wrong Hash', type: 'Wrong Log Hash', corruption_id: 'eyJ4IjoxfQ==', iteration: 3, acknowledgement: { id: 'ack1', acknowledged_by: 'bob', acknowledged_at: '2026-12-05T09:00:00.000Z', description: 'restored from backup', reason: 'known incident' } }],
      acknowledgements_not_evaluated: 0, unplaced_total: 0, state_history_updated: false,
    };
    page(['session', 'read'], <VerificationReportPage reportId={REPORT_ID} />);
    expect(screen.getByTestId('verificationReportCritical').textContent).toContain('2 unacknowledged errors');
    expect(screen.getByTestId('verificationReportChain').textContent).toBe(CHAIN);
    const errors = screen.getByTestId('verificationReportErrorsTable');
    expect(errors.textContent).toContain('Wrong Log Hash');
    expect(errors.textContent).toContain('10 – 12');
    expect(screen.getAllByTestId('verificationCorruptionId').map((e) => e.textContent)).toContain('eyJmcm9tX2l0ZXJhdGlvbiI6NX0=');
    expect(screen.getByTestId('verificationReportWarningsTable').textContent).toContain('Duplicate Log Found');
    const acks = screen.getByTestId('verificationReportAckTable');
    expect(acks.textContent).toContain('bob');
    expect(acks.textContent).toContain('known incident');
  });
});

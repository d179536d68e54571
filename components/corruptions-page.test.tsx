// @vitest-environment jsdom
import { EuiProvider } from '@elastic/eui';
import { EuiThemeBorealis } from '@elastic/eui-theme-borealis';
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CorruptionDto, CorruptionsOverviewDto } from '@/lib/shared';
import { ConsoleChrome } from './console-chrome';
import { CorruptionsPage } from './corruptions-page';

vi.mock('next/navigation', () => ({ usePathname: () => '/corruptions' }));

const { FakeApiError } = vi.hoisted(() => ({
  FakeApiError: class FakeApiError extends Error {
    constructor(
      readonly status: number,
      readonly code: string,
      message: string,
    ) {
      super(message);
    }
  },
}));
const state: { data: CorruptionsOverviewDto } = { data: { corruptions: [], chains: [], totals: { open: 0, acknowledged: 0, chains: 0 } } };
const ackOne = vi.fn();
const ackRange = vi.fn();
const mutate = vi.fn(async () => undefined);
vi.mock('@/lib/client', () => ({
  useCorruptions: () => ({ data: state.data, error: undefined, isLoading: false, mutate }),
  acknowledgeCorruption: (...a: unknown[]) => ackOne(...a),
  acknowledgeCorruptionRange: (...a: unknown[]) => ackRange(...a),
  readKeyFileForUpload: async (f: File) => `b64:${f.name}`,
  ConsoleApiError: FakeApiError,
}));

configure({ testIdAttribute: 'data-test-subj' });
afterEach(cleanup);
beforeEach(() => {
  ackOne.mockReset();
  ackRange.mockReset();
});

const CHAIN = 'elproxysigned-acme-6_months-0';
const openRow: CorruptionDto = {
  id: `${CHAIN}|Log Verification Wrong Hash|eyJvcGVuIjoxfQ==`,
  chain: CHAIN,
  corruptionId: 'eyJmcm9tX2l0ZXJhdGlvbiI6NSwidG9faXRlcmF0aW9uIjo1fQ==',
  code: 'Log Verification Wrong Hash',
  type: 'Wrong Log Hash',
  fromIteration: 5,
  toIteration: 5,
  facts: { 'Found hash': 'f'.repeat(64) },
  reportId: 'report-1',
  reportedAt: '2026-12-06T10:00:00.000Z',
  status: 'open',
  acknowledgement: null,
  acknowledgeable: true,
};
const ackedRow: CorruptionDto = {
  ...openRow,
  id: `${CHAIN}|Log Verification Bad Iteration|x`,
  corruptionId: 'eyJmcm9tX2l0ZXJhdGlvbiI6OCwidG9faXRlcmF0aW9uIjo5fQ==',
  code: 'Log Verification Bad Iteration',
  fromIteration: 8,
  toIteration: 9,
  status: 'acknowledged',
  acknowledgeable: false,
  acknowledgement: { by: 'dpo.bob', at: '2026-12-06T11:00:00.000Z', description: 'Disk failure', reason: 'INC-9', documentId: 'abc', verified: true },
};
const withRows = () => {
  state.data = { corruptions: [openRow, ackedRow], chains: [{ chain: CHAIN, identity: { module: 'elproxysigned', customer: 'acme', retention: '6_months', tag: '0' }, reportId: 'report-1', finishedAt: '2026-12-06T10:00:00.000Z', status: 'critical', errorsTotal: 1, truncated: false }], totals: { open: 1, acknowledged: 1, chains: 1 } };
};

const product = { name: 'Signet', version: '1.2.3', signingFormatVersion: 1 };
const page = (permissions: string[]) =>
  render(
    <EuiProvider theme={EuiThemeBorealis} colorMode="light">
      <ConsoleChrome user={{ username: 'u', roles: [], permissions }} product={product} embeddedIdp>
        <CorruptionsPage />
      </ConsoleChrome>
    </EuiProvider>,
  );

function pickKeyFile(name = 'key.json') {
  const input = screen.getByTestId('ackFlyout').querySelector('input[type="file"]') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [new File(['{"key":"…"}'], name, { type: 'application/json' })] } });
}

describe('corruptions page', () => {
  it('says there is no report yet and what to do next', () => {
    page(['session', 'read']);
    expect(screen.getByTestId('corruptionsEmpty').textContent).toBe('No verification report yet');
  });

  it('lists open and acknowledged corruptions with who acknowledged; viewers get details but no Acknowledge', () => {
    withRows();
    page(['session', 'read']);
    const table = screen.getByTestId('corruptionsTable');
    expect(table.textContent).toContain('Log Verification Wrong Hash');
    expect(table.textContent).toContain('8–9');
    expect(table.textContent).toContain('by dpo.bob at 2026-12-06 11:00:00 UTC');
    expect(screen.getByTestId('corruptionsStatOpen').textContent).toContain('1');
    expect(screen.queryByTestId('acknowledgeButton')).toBeNull();
    expect(screen.queryByTestId('acknowledgeRangeButton')).toBeNull();
    fireEvent.click(screen.getAllByTestId('corruptionLink')[1]!);
    const details = screen.getByTestId('corruptionDetails').textContent ?? '';
    expect(details).toContain('Disk failure');
    expect(details).toContain('INC-9');
    expect(screen.queryByTestId('flyoutAcknowledgeButton')).toBeNull();
  });

  it('auditors acknowledge one corruption: fields required, then a confirmation, then the API with the key file', async () => {
    withRows();
    ackOne.mockResolvedValue({ chain: CHAIN, index: `acknowledge-${CHAIN}`, documentId: 'd', corruptionId: openRow.corruptionId, fromIteration: 5, toIteration: 5, acknowledgedBy: 'u', acknowledgedAt: '2026-12-06T12:00:00.000Z' });
    page(['session', 'read', 'audit']);
    expect(screen.getAllByTestId('acknowledgeButton')).toHaveLength(1);
    fireEvent.click(screen.getByTestId('acknowledgeButton'));
    fireEvent.click(screen.getByTestId('ackSubmit'));
    const form = screen.getByTestId('ackForm').textContent ?? '';
    expect(form).toContain('Describe what happened.');
    expect(form).toContain("Choose the chain's iteration-0 key file.");
    expect(screen.queryByTestId('ackConfirmModal')).toBeNull();
    fireEvent.change(screen.getByTestId('ackDescription'), { target: { value: 'Insider edit' } });
    fireEvent.change(screen.getByTestId('ackReason'), { target: { value: 'INC-7' } });
    pickKeyFile();
    fireEvent.click(screen.getByTestId('ackSubmit'));
    expect(ackOne).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('confirmModalConfirmButton'));
    expect(await screen.findByTestId('ackToastSuccess')).toBeTruthy();
    expect(ackOne).toHaveBeenCalledWith(openRow.corruptionId, { description: 'Insider edit', reason: 'INC-7', keyFile: 'b64:key.json' });
    expect(mutate).toHaveBeenCalled();
  });

  it('shows the server\'s refusal in the form and keeps nothing of the key file', async () => {
    withRows();
    ackOne.mockRejectedValue(new FakeApiError(400, 'ERR_VERIFY_WRONG_KEY', 'no log next to the corruption verifies with this key: is it the key file of another chain?'));
    page(['session', 'read', 'audit']);
    fireEvent.click(screen.getByTestId('acknowledgeButton'));
    fireEvent.change(screen.getByTestId('ackDescription'), { target: { value: 'd' } });
    fireEvent.change(screen.getByTestId('ackReason'), { target: { value: 'r' } });
    pickKeyFile('other.json');
    fireEvent.click(screen.getByTestId('ackSubmit'));
    fireEvent.click(screen.getByTestId('confirmModalConfirmButton'));
    const err = await screen.findByTestId('ackError');
    expect(err.textContent).toContain('key file of another chain');
    expect(err.textContent).toContain('ERR_VERIFY_WRONG_KEY');
    // The key file was forgotten: a new attempt asks for it again.
    fireEvent.click(screen.getByTestId('ackSubmit'));
    expect(screen.getByTestId('ackForm').textContent).toContain("Choose the chain's iteration-0 key file.");
  });

  it('a time range must not be inverted; a valid one goes to the range API', async () => {
    withRows();
    ackRange.mockResolvedValue({ chain: CHAIN, index: `acknowledge-${CHAIN}`, fromIteration: 0, toIteration: 9, corruptions: 1, acknowledged: ['x'], alreadyAcknowledged: [], failed: [] });
    page(['session', 'read', 'audit']);
    fireEvent.click(screen.getByTestId('acknowledgeRangeButton'));
    fireEvent.change(screen.getByTestId('ackFrom'), { target: { value: '2026-12-06T12:00:00Z' } });
    fireEvent.change(screen.getByTestId('ackTo'), { target: { value: '2026-12-06T10:00:00Z' } });
    fireEvent.change(screen.getByTestId('ackDescription'), { target: { value: 'd' } });
    fireEvent.change(screen.getByTestId('ackReason'), { target: { value: 'r' } });
    pickKeyFile();
    fireEvent.click(screen.getByTestId('ackSubmit'));
    expect(screen.getByTestId('ackForm').textContent).toContain('From must be earlier than To');
    expect(screen.queryByTestId('ackConfirmModal')).toBeNull();
    fireEvent.change(screen.getByTestId('ackTo'), { target: { value: '2026-12-06T13:00:00+01:00' } });
    fireEvent.click(screen.getByTestId('ackSubmit'));
    expect(screen.getByTestId('ackForm').textContent).toContain('From must be earlier than To');
    fireEvent.change(screen.getByTestId('ackTo'), { target: { value: '2026-12-06T14:00:00Z' } });
    fireEvent.click(screen.getByTestId('ackSubmit'));
    fireEvent.click(screen.getByTestId('confirmModalConfirmButton'));
    await waitFor(() => expect(ackRange).toHaveBeenCalledWith({ chain: CHAIN, from: '2026-12-06T12:00:00Z', to: '2026-12-06T14:00:00Z' }, { description: 'd', reason: 'r', keyFile: 'b64:key.json' }));
    expect(await screen.findByTestId('ackToastSuccess')).toBeTruthy();
  });
});

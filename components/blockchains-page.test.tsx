// @vitest-environment jsdom
import { EuiProvider } from '@elastic/eui';
import { EuiThemeBorealis } from '@elastic/eui-theme-borealis';
import { cleanup, configure, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChainDetailDto, ChainSummaryDto, ChainsListDto } from '@/lib/shared';
import { BlockchainDetailPage } from './blockchain-detail-page';
import { BlockchainsPage } from './blockchains-page';
import { ConsoleChrome } from './console-chrome';

vi.mock('next/navigation', () => ({ usePathname: () => '/blockchains' }));

class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}
const state: { list: ChainsListDto | undefined; detail: ChainDetailDto | undefined; detailError: ApiError | undefined; detailKeys: (string | null)[] } = { list: undefined, detail: undefined, detailError: undefined, detailKeys: [] };
vi.mock('@/lib/client', () => ({
  useChains: () => ({ data: state.list, error: undefined, isLoading: false, mutate: async () => undefined }),
  useChainDetail: (chain: string | null) => {
    state.detailKeys.push(chain);
    return { data: chain === null ? undefined : state.detail, error: chain === null ? undefined : state.detailError, isLoading: false, mutate: async () => undefined };
  },
}));

configure({ testIdAttribute: 'data-test-subj' });
afterEach(cleanup);

const summary = (o: Partial<ChainSummaryDto>): ChainSummaryDto => ({
  name: 'elproxysigned-acme-6_months-0', module: 'elproxysigned', customer: 'acme', retention: '6_months', tag: '0', state: 'ready', blockedReason: null,
  headIteration: 41, storedIteration: 41, lastSignedAt: '2026-12-06T10:00:00.123Z', rate: 2.5, queuedLogs: 0, pendingOutbox: 0,
  dataStreams: ['filebeat-8.11.0-elproxysigned-acme-6_months-0'], lastVerification: null, ...o,
});
const report = { reportId: 'r-1', finishedAt: '2026-12-06T09:00:00.000Z', mode: 'full', status: 'critical', errors: 2, warnings: 1, acknowledged: 0, logsChecked: 40, verifiedFrom: 0, verifiedTo: 39 };
const product = { name: 'Signet', version: '1.2.3', signingFormatVersion: 1 };
const wrap = (node: ReactNode) =>
  render(
    <EuiProvider theme={EuiThemeBorealis} colorMode="light">
      <ConsoleChrome user={{ username: 'v', roles: ['signet-viewer'], permissions: ['session', 'read'] }} product={product} embeddedIdp>
        {node}
      </ConsoleChrome>
    </EuiProvider>,
  );

beforeEach(() => {
  state.list = undefined;
  state.detail = undefined;
  state.detailError = undefined;
  state.detailKeys = [];
});

describe('Blockchains list page', () => {
  it('says how to send the first log when there is no chain', () => {
    state.list = { chains: [], rateWindowSecs: 60, storeProblem: null, generatedAt: '2026-12-06T10:00:00.000Z' };
    wrap(<BlockchainsPage />);
    expect(screen.getByTestId('chainsEmpty').textContent).toBe('No blockchain yet');
    expect(screen.getByTestId('chainsPage').textContent).toContain('POST /api/log_batch');
  });

  it('labels each writer state, and a chain that failed to load as "not loaded"', () => {
    const held = 'chain elproxysigned-initech-6_months-0 is written by another Signet process on this machine (process 4242 holds its lock)';
    state.list = {
      chains: [
        summary({}),
        summary({ name: 'elproxysigned-globex-6_months-0', customer: 'globex', state: 'blocked', blockedReason: 'Elasticsearch holds iteration 9' }),
        summary({ name: 'elproxysigned-initech-6_months-0', customer: 'initech', state: 'idle', blockedReason: held }),
        summary({ name: 'elproxysigned-umbrella-6_months-0', customer: 'umbrella', state: 'idle' }),
        summary({ name: 'elproxysigned-hooli-6_months-0', customer: 'hooli', state: 'on_disk' }),
      ],
      rateWindowSecs: 60,
      storeProblem: null,
      generatedAt: '2026-12-06T10:00:00.000Z',
    };
    wrap(<BlockchainsPage />);
    expect(within(screen.getByTestId('chainsTable')).getAllByTestId('chainState').map((b) => b.textContent)).toEqual(['signing', 'blocked', 'on disk', 'not loaded', 'loading']);
  });

  it('lists chains with head, rate, streams and verification; the search filters them', () => {
    state.list = {
      chains: [summary({}), summary({ name: 'elproxysigned-globex-10_days-7', customer: 'globex', retention: '10_days', tag: '7', headIteration: 3, dataStreams: [], lastVerification: report, state: 'on_disk' })],
      rateWindowSecs: 60,
      storeProblem: null,
      generatedAt: '2026-12-06T10:00:00.000Z',
    };
    wrap(<BlockchainsPage />);
    const table = screen.getByTestId('chainsTable');
    const links = within(table).getAllByTestId('chainLink');
    expect(links.map((l) => l.textContent)).toEqual(['elproxysigned-acme-6_months-0', 'elproxysigned-globex-10_days-7']);
    expect(links[0]?.getAttribute('href')).toBe('/blockchains/elproxysigned-acme-6_months-0');
    expect(within(table).getAllByTestId('chainHead').map((h) => h.textContent)).toEqual(['41', '3']);
    expect(within(table).getAllByTestId('chainVerification').map((b) => b.textContent)).toEqual(['never verified', 'critical · 2 err · 1 warn']);
    expect(within(table).getByTestId('chainStreams').textContent).toBe('filebeat-8.11.0-elproxysigned-acme-6_months-0');
    expect(table.textContent).toContain('2026-12-06 10:00:00 UTC');
    fireEvent.change(screen.getByTestId('chainsSearch'), { target: { value: 'globex' } });
    fireEvent.keyUp(screen.getByTestId('chainsSearch'), { key: 'x' });
    expect(within(screen.getByTestId('chainsTable')).getAllByTestId('chainLink').map((l) => l.textContent)).toEqual(['elproxysigned-globex-10_days-7']);
  });

  it('warns when the store could not be read', () => {
    state.list = { chains: [summary({ storedIteration: null })], rateWindowSecs: 60, storeProblem: 'listing data streams: ConnectionError: ECONNREFUSED', generatedAt: '2026-12-06T10:00:00.000Z' };
    wrap(<BlockchainsPage />);
    expect(screen.getByTestId('chainsStoreProblem').textContent).toContain('ECONNREFUSED');
  });
});

describe('Blockchain detail page', () => {
  const log = { index: '.ds-filebeat-8.11.0-elproxysigned-acme-6_months-0-2026.12.06-000001', id: 'elproxysigned-acme-6_months-0:41', iteration: 41, hash: 'ab'.repeat(32), signedAt: '2026-12-06T10:00:00.000Z', documentText: '{\n  "seq": 9007199254740993\n}', blockchainText: '{\n  "iteration": 41\n}' };

  it('shows head, last hash, streams, logs and reports; a log opens its document in a flyout', () => {
    state.detail = {
      chain: summary({ lastVerification: report }),
      lastHash: 'ab'.repeat(32),
      dataStreams: [{ name: 'filebeat-8.11.0-elproxysigned-acme-6_months-0', status: 'GREEN', generation: 1, backingIndices: 1, template: 'el-proxy-6_months-retention', ilmPolicy: '6_months_retention' }],
      recentLogs: [log],
      reports: [report],
      rateWindowSecs: 60,
      storeProblem: null,
    };
    wrap(<BlockchainDetailPage chain="elproxysigned-acme-6_months-0" />);
    expect(screen.getByTestId('pageTitle').textContent).toBe('elproxysigned-acme-6_months-0');
    expect(screen.getByTestId('chainDetailHead').textContent).toBe('41');
    expect(screen.getByTestId('chainLastHash').textContent).toBe('ab'.repeat(32));
    expect(screen.getByTestId('chainDataStream').textContent).toBe('filebeat-8.11.0-elproxysigned-acme-6_months-0');
    expect(screen.getByTestId('chainReports').textContent).toContain('r-1');
    expect(screen.queryByTestId('chainLogFlyout')).toBeNull();
    fireEvent.click(screen.getByTestId('chainLogOpen'));
    const flyout = screen.getByTestId('chainLogFlyout');
    expect(within(flyout).getByTestId('chainLogBlockchain').textContent).toContain('"iteration": 41');
    expect(within(flyout).getByTestId('chainLogDocument').textContent).toContain('9007199254740993');
  });

  it('says an unknown chain is not found', () => {
    state.detailError = new ApiError(404, 'ERR_CONSOLE_CHAIN_NOT_FOUND', 'no blockchain named elproxysigned-nobody-6_months-0');
    wrap(<BlockchainDetailPage chain="elproxysigned-nobody-6_months-0" />);
    expect(screen.getByTestId('chainNotFound').textContent).toBe('Blockchain not found');
    expect(screen.getByTestId('chainDetailPage').textContent).toContain('no blockchain named elproxysigned-nobody-6_months-0');
  });

  it('refuses a name that is not a chain name without asking the API', () => {
    wrap(<BlockchainDetailPage chain="*,secret-index" />);
    expect(screen.getByTestId('chainNotFound').textContent).toBe('Not a blockchain name');
    expect(screen.getByTestId('chainDetailPage').textContent).toContain('four parts');
    expect(state.detailKeys.every((k) => k === null)).toBe(true);
  });
});

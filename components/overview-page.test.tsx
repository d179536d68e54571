// @vitest-environment jsdom
import { EuiProvider } from '@elastic/eui';
import { EuiThemeBorealis } from '@elastic/eui-theme-borealis';
import { cleanup, configure, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OverviewDto, OverviewPointDto } from '@/lib/shared';
import { OverviewPage } from './overview-page';
import type { ProductInfo } from './product-info';

// The page's data comes from the console API through lib/client's SWR hook: replaced here by a
// settable answer (the route and its service have their own tests).
const state: { data: OverviewDto | undefined; error: Error | undefined } = { data: undefined, error: undefined };
vi.mock('@/lib/client', () => ({ useOverview: (initial?: OverviewDto) => ({ data: state.data ?? initial, error: state.error, isLoading: (state.data ?? initial) === undefined }) }));
beforeAll(() => {
  // @elastic/charts measures its container with ResizeObserver, which jsdom lacks.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});

const T0 = Date.parse('2026-12-06T10:00:00Z');
function point(i: number, rate: number | null): OverviewPointDto {
  return { t: T0 + i * 10_000, receivedLogsPerSec: rate, indexedLogsPerSec: rate, dlqLogsPerSec: rate === null ? null : 0, failedLogsPerSec: rate === null ? null : 0, rejectedLogsPerSec: rate === null ? null : 0, failedRequestsPerSec: rate === null ? null : 0.5, dlqSignedEntries: 3, dlqRejectedEntries: 1, dlqFiles: 2, queuedLogs: 0 };
}
function overview(points: OverviewPointDto[], alerts: OverviewDto['alerts'] = []): OverviewDto {
  return {
    generatedAt: new Date(T0 + 60_000).toISOString(),
    health: {
      status: alerts.length > 0 ? 'degraded' : 'ok',
      store: { reachable: true },
      disks: [{ areas: ['data', 'outbox'], freeBytes: 50 * 1024 ** 3, totalBytes: 100 * 1024 ** 3, freeRatio: 0.5, ok: true }, { areas: ['dlq'], freeBytes: null, totalBytes: null, freeRatio: null, ok: false }],
      minFreeDiskRatio: 0.05,
      queues: { capacityPerChain: 20_000, queuedLogs: 5_000, maxFill: 0.25, fullestChain: 'elproxysigned-acme-6_months-0', outboxPending: 7 },
      chains: { total: 3, blocked: [{ name: 'elproxysigned-beta-6_months-0', reason: 'state does not match Elasticsearch' }] },
    },
    series: { intervalSecs: 10, capacity: 360, points },
    alerts,
    verificationOverdueHours: 24,
  };
}
afterEach(() => {
  state.data = undefined;
  state.error = undefined;
});

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
  });

  it('shows health, alerts with where to act, and charts once the data is there', async () => {
    state.data = overview([point(0, null), point(1, 12.5), point(2, 40), point(3, 8)], [
      { id: 'dlq', kind: 'dlq', severity: 'warning', title: 'The dead letter queue is not empty', message: '1 file(s) of signed logs wait for recovery.', href: '/dead-letter-queue', chain: null },
      { id: 'verificationFailed:x', kind: 'verificationFailed', severity: 'danger', title: 'The latest verification of x failed', message: 'Report r1 found 3 error(s).', href: '/verification', chain: 'x' },
      { id: 'keyBackup', kind: 'keyBackup', severity: 'warning', title: 'A key backup waits to be moved off the machine', message: '2 file(s).', href: null, chain: null },
      { id: 'chainLimit', kind: 'chainLimit', severity: 'warning', title: 'The blockchain limit is reached', message: 'This instance keeps 3 blockchains and max_blockchains is 3.', href: '/dead-letter-queue', chain: null },
    ]);
    withEui(<OverviewPage product={product} />);

    expect(screen.getByTestId('pageLoaded')).toBeTruthy();
    expect(screen.getByTestId('overviewHealthStatus').textContent).toBe('Needs attention');
    expect(screen.getByTestId('healthStore').textContent).toContain('Reachable');
    expect(screen.getByTestId('healthDisk').textContent).toContain('50% free');
    expect(screen.getByTestId('healthDisk-data-outbox').textContent).toBe('Keys (data_dir) and outbox: 50.0 GB of 100 GB free (50%)');
    expect(screen.getByTestId('healthDisk-dlq').textContent).toBe('Dead letter queue: cannot be read');
    expect(screen.getByTestId('healthQueuesFill').textContent).toBe('Fullest: 25% of 20000 logs (elproxysigned-acme-6_months-0).');
    expect(screen.getByTestId('healthChainsBlocked').textContent).toContain('1 blocked');
    expect(screen.getByTestId('healthChains').textContent).toContain('elproxysigned-beta-6_months-0: state does not match Elasticsearch');

    const alerts = within(screen.getByTestId('overviewAlerts'));
    expect(alerts.getByTestId('overviewAlert-dlq').textContent).toContain('The dead letter queue is not empty');
    expect(alerts.getByTestId('overviewAlertLink-dlq').getAttribute('href')).toBe('/dead-letter-queue');
    expect(alerts.getByTestId('overviewAlertLink-verificationFailed').getAttribute('href')).toBe('/verification');
    expect(alerts.getByTestId('overviewAlert-verificationFailed').className).toContain('danger');
    expect(alerts.queryByTestId('overviewAlertLink-keyBackup')).toBeNull();
    expect(alerts.getByTestId('overviewAlertLink-chainLimit').textContent).toBe('Open the dead letter queue');
    expect(alerts.getByTestId('overviewAlertLink-chainLimit').getAttribute('href')).toBe('/dead-letter-queue');

    // The charts arrive lazily (browser-only chunk): one @elastic/charts chart per panel.
    for (const id of ['throughput', 'dlq', 'errors']) {
      const canvas = await screen.findByTestId(`overviewChartCanvas-${id}`, {}, { timeout: 15_000 });
      expect(canvas.querySelector('.echChart')).not.toBeNull();
    }
    expect(screen.getByTestId('overviewChartLatest-throughput').textContent).toBe('Received: 8 logs/s in the latest sample, highest 40');
    expect(screen.getByTestId('overviewChartLatest-errors').textContent).toBe('Failed requests: 0.50 per second in the latest sample, highest 0.50');
    expect(screen.queryByTestId('overviewChartEmpty-throughput')).toBeNull();
  });

  it('says data is being collected instead of drawing empty charts, and that nothing needs attention', async () => {
    state.data = overview([]);
    withEui(<OverviewPage product={product} />);
    expect(screen.getByTestId('overviewNoAlerts')).toBeTruthy();
    expect(screen.getByTestId('overviewHealthStatus').textContent).toBe('Healthy');
    for (const id of ['throughput', 'dlq', 'errors']) {
      expect((await screen.findByTestId(`overviewChartEmpty-${id}`, {}, { timeout: 15_000 })).textContent).toContain('every 10 s');
      expect(screen.queryByTestId(`overviewChartCanvas-${id}`)).toBeNull();
    }
    expect(screen.getByTestId('overviewChartLatest-throughput').textContent).toBe('No sample yet');
  });

  it('shows the server\'s answer at once when the page was rendered with it', () => {
    withEui(<OverviewPage product={product} initial={overview([point(0, null)])} />);
    expect(screen.getByTestId('pageLoaded')).toBeTruthy();
    expect(screen.getByTestId('overviewUpdated').textContent).toBe('updated 10:01:00 UTC, refreshed every 10 s');
    expect(screen.getByTestId('healthChains').textContent).toContain('3');
  });

  it('shows a spinner until the first answer, and the error when the API refuses', () => {
    withEui(<OverviewPage product={product} />);
    expect(screen.getByTestId('overviewLoading')).toBeTruthy();
    expect(screen.queryByTestId('pageLoaded')).toBeNull();
    cleanup();
    state.error = new Error('the console is not served by this process');
    withEui(<OverviewPage product={product} />);
    expect(screen.getByTestId('overviewError').textContent).toContain('not served by this process');
    expect(screen.queryByTestId('pageLoaded')).toBeNull();
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

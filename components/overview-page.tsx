'use client';

import {
  EuiCallOut,
  EuiCard,
  EuiHealth,
  EuiLoadingChart,
  EuiLoadingSpinner,
  EuiDescriptionList,
  EuiFlexGrid,
  EuiFlexItem,
  EuiIcon,
  EuiPageTemplate,
  EuiPanel,
  EuiSpacer,
  EuiText,
  EuiTitle,
} from '@elastic/eui';
import { lazy, Suspense } from 'react';
import { useOverview } from '@/lib/client';
import type { OverviewDto } from '@/lib/shared';
import { ClientOnly } from './client-only';
import { ConsolePage } from './console-page';
import { OverviewAlerts } from './overview-alerts';
import { OverviewHealth } from './overview-health';
import { PageLoaded } from './page-loaded';
import type { ProductInfo } from './product-info';

// @elastic/charts cannot render on the server (its <Chart> reads `window`), and it is the page's
// largest dependency: loaded in the browser only, after the health and alerts are on screen.
const OverviewCharts = lazy(() => import('./overview-charts').then((m) => ({ default: m.OverviewCharts })));

/** What Signet does, one card per part of the pipeline. Wording follows SPEC §1–§8. */
const CAPABILITIES = [
  {
    id: 'chains',
    icon: 'link',
    title: 'Per-blockchain hash chains',
    description:
      'Every log is signed with HMAC-SHA256 under a one-time key derived from the previous key, and each ' +
      "signature covers the previous log's hash. A removed, reordered or altered log breaks its chain.",
  },
  {
    id: 'data-streams',
    icon: 'storage',
    title: 'Elasticsearch data streams',
    description:
      'Signed logs are written to data streams named after their blockchain, with the signature in the ' +
      'ES_BLOCKCHAIN field. Each signed log has a deterministic document id, so replaying it after a ' +
      'failure never stores it twice.',
  },
  {
    id: 'dlq',
    icon: 'archive',
    title: 'Dead letter queue',
    description:
      'A signed log that Elasticsearch cannot index is kept in a dead letter queue on local disk, with the ' +
      'error, and can be recovered into Elasticsearch later without breaking its chain.',
  },
  {
    id: 'verification',
    icon: 'checkCircle',
    title: 'Verification',
    description:
      'Auditors verify a chain with its first key, see exactly where it breaks, and acknowledge known ' +
      'corruptions so that later reports show them as acknowledged.',
  },
] as const;

const STATUS = {
  ok: { color: 'success', text: 'Healthy' },
  degraded: { color: 'warning', text: 'Needs attention' },
  down: { color: 'danger', text: 'Down' },
} as const;

/** `HH:MM:SS UTC`: the same text on the server and in the browser (no time-zone dependent hydration). */
function formatClock(iso: string): string {
  return `${iso.slice(11, 19)} UTC`;
}

function OverviewLive({ initial }: { initial: OverviewDto | undefined }) {
  const { data, error } = useOverview(initial);
  if (data === undefined) {
    if (error !== undefined) {
      return (
        <EuiCallOut title="The overview could not be loaded" color="danger" iconType="error" announceOnMount={false} data-test-subj="overviewError">
          <p>{error.message}</p>
        </EuiCallOut>
      );
    }
    return <EuiLoadingSpinner size="xl" data-test-subj="overviewLoading" />;
  }
  return <OverviewData data={data} staleError={error?.message ?? null} />;
}

function OverviewData({ data, staleError }: { data: OverviewDto; staleError: string | null }) {
  const status = STATUS[data.health.status];
  return (
    <>
      <PageLoaded />
      <EuiHealth color={status.color} data-test-subj="overviewHealthStatus">
        {status.text}
      </EuiHealth>{' '}
      <EuiText size="xs" color="subdued" component="span" data-test-subj="overviewUpdated">
        updated {formatClock(data.generatedAt)}, refreshed every 10 s
      </EuiText>
      {staleError !== null && (
        <>
          <EuiSpacer size="s" />
          <EuiCallOut title="Refreshing failed; showing the last answer" color="warning" iconType="warning" size="s" announceOnMount={false} data-test-subj="overviewStale">
            <p>{staleError}</p>
          </EuiCallOut>
        </>
      )}
      <EuiSpacer size="m" />
      <OverviewHealth health={data.health} />
      <EuiSpacer size="l" />
      <EuiTitle size="xs">
        <h2>Alerts</h2>
      </EuiTitle>
      <EuiSpacer size="s" />
      <OverviewAlerts alerts={data.alerts} />
      <EuiSpacer size="l" />
      <EuiTitle size="xs">
        <h2>Over the last {Math.round((data.series.capacity * data.series.intervalSecs) / 60)} minutes</h2>
      </EuiTitle>
      <EuiSpacer size="s" />
      <ClientOnly fallback={<EuiLoadingChart size="xl" data-test-subj="overviewChartsLoading" />}>
        <Suspense fallback={<EuiLoadingChart size="xl" data-test-subj="overviewChartsLoading" />}>
          <OverviewCharts series={data.series} />
        </Suspense>
      </ClientOnly>
    </>
  );
}

/**
 * The console's landing page: live health, alerts and charts, then what this installation is.
 * `initial` (the server's answer at render time) puts health and alerts in the first HTML; the
 * browser then keeps them live. Without it the page fetches them after hydration.
 */
export function OverviewPage({ product, initial }: { product: ProductInfo; initial?: OverviewDto }) {
  return (
    <ConsolePage product={product} breadcrumbs={[{ text: 'Overview' }]} restrictWidth={1200} data-test-subj="overviewPage">
      <EuiPageTemplate.Header
        pageTitle="Overview"
        pageTitleProps={{ 'data-test-subj': 'pageTitle' }}
        description={`${product.name} signs every log it receives into a per-blockchain hash chain and stores the signed logs in Elasticsearch.`}
        bottomBorder
      />
      <EuiPageTemplate.Section>
        <OverviewLive initial={initial} />
        <EuiSpacer size="xl" />
        <EuiPanel hasBorder data-test-subj="installationPanel">
          <EuiTitle size="xs">
            <h2>This installation</h2>
          </EuiTitle>
          <EuiSpacer size="m" />
          <EuiDescriptionList
            type="column"
            columnWidths={[1, 3]}
            listItems={[
              { title: 'Product', description: <span data-test-subj="productName">{product.name}</span> },
              { title: 'Version', description: <span data-test-subj="productVersion">{product.version}</span> },
              {
                title: 'Signing format version',
                description: <span data-test-subj="signingFormatVersion">{product.signingFormatVersion}</span>,
              },
            ]}
          />
        </EuiPanel>
        <EuiSpacer size="l" />
        <EuiTitle size="s">
          <h2>What {product.name} does</h2>
        </EuiTitle>
        <EuiSpacer size="m" />
        <EuiFlexGrid columns={2} gutterSize="l" data-test-subj="capabilities">
          {CAPABILITIES.map((capability) => (
            <EuiFlexItem key={capability.id}>
              <EuiCard
                layout="horizontal"
                icon={<EuiIcon type={capability.icon} size="l" aria-hidden={true} data-test-subj={`capabilityIcon-${capability.id}`} />}
                title={capability.title}
                titleElement="h3"
                titleSize="xs"
                description={capability.description}
                hasBorder
                data-test-subj={`capabilityCard-${capability.id}`}
              />
            </EuiFlexItem>
          ))}
        </EuiFlexGrid>
      </EuiPageTemplate.Section>
    </ConsolePage>
  );
}

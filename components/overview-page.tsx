'use client';

import {
  EuiCallOut,
  EuiCard,
  EuiDescriptionList,
  EuiFlexGrid,
  EuiFlexItem,
  EuiIcon,
  EuiPageTemplate,
  EuiPanel,
  EuiSpacer,
  EuiTitle,
} from '@elastic/eui';
import { ConsolePage } from './console-page';
import type { ProductInfo } from './product-info';

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

/** The console's landing page: what this installation is and what Signet does. */
export function OverviewPage({ product }: { product: ProductInfo }) {
  return (
    <ConsolePage product={product} breadcrumbs={[{ text: 'Overview' }]} restrictWidth={1200} data-test-subj="overviewPage">
      <EuiPageTemplate.Header
        pageTitle="Overview"
        pageTitleProps={{ 'data-test-subj': 'pageTitle' }}
        description={`${product.name} signs every log it receives into a per-blockchain hash chain and stores the signed logs in Elasticsearch.`}
        bottomBorder
      />
      <EuiPageTemplate.Section>
        <EuiCallOut
          title="Product information only"
          iconType="info"
          announceOnMount={false}
          data-test-subj="overviewScopeCallout"
        >
          <p>
            This version of the console does not yet show health, throughput, blockchains, the dead letter
            queue or verification reports.
          </p>
        </EuiCallOut>
        <EuiSpacer size="l" />
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

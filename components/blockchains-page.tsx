'use client';

import {
  EuiButton,
  EuiCallOut,
  EuiCodeBlock,
  EuiFlexGroup,
  EuiFlexItem,
  EuiInMemoryTable,
  EuiLink,
  EuiPageTemplate,
  EuiSpacer,
  EuiStat,
  EuiText,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import { useChains } from '@/lib/client';
import type { ChainSummaryDto } from '@/lib/shared';
import { ChainStateBadge, formatTime, VerificationBadge } from './chain-badges';
import { BrowserSectionPage } from './browser-section-page';
import { usePageLoaded } from './page-loaded';

/** A chain with flat text fields, so the in-page search finds streams and verification results. */
interface Row extends ChainSummaryDto {
  readonly streamsText: string;
  readonly verificationText: string;
  readonly verifiedAt: string;
}

const toRow = (c: ChainSummaryDto): Row => ({
  ...c,
  streamsText: c.dataStreams.join(' '),
  verificationText: c.lastVerification === null ? 'never verified' : (c.lastVerification.status ?? 'unknown'),
  verifiedAt: c.lastVerification?.finishedAt ?? '',
});

/** The page's link to a chain's detail. */
export function chainHref(name: string): string {
  return `/blockchains/${encodeURIComponent(name)}`;
}

const FIRST_LOG = `curl -X POST http(s)://<signet>/api/log_batch \\
  -H 'content-type: application/json' \\
  -d '[{"@timestamp":"2026-12-06T10:00:00Z","message":"hello",
       "EBP_METADATA":{"agent":{"type":"filebeat","version":"8.11.0"},
                       "customer":"acme","retention":"6_months","blockchain_tag":"0"}}]'`;

const columns: EuiBasicTableColumn<Row>[] = [
  {
    field: 'name',
    name: 'Blockchain',
    sortable: true,
    width: '18%',
    render: (name: string) => (
      <EuiLink href={chainHref(name)} data-test-subj="chainLink" style={{ wordBreak: 'break-all' }}>
        {name}
      </EuiLink>
    ),
  },
  { field: 'customer', name: 'Customer', sortable: true, width: '9%' },
  { field: 'retention', name: 'Retention', sortable: true, width: '8%' },
  { field: 'tag', name: 'Tag', sortable: true, width: '5%' },
  {
    field: 'headIteration',
    name: 'Head iteration',
    sortable: true,
    width: '8%',
    dataType: 'number',
    render: (n: number | null) => <span data-test-subj="chainHead">{n ?? '—'}</span>,
  },
  { field: 'lastSignedAt', name: 'Last signed', sortable: true, width: '10%', render: (t: string | null) => formatTime(t) },
  { field: 'rate', name: 'Rate (logs/s)', sortable: true, width: '7%', dataType: 'number', render: (r: number) => <span data-test-subj="chainRate">{r}</span> },
  {
    field: 'dataStreams',
    name: 'Data streams',
    width: '17%',
    render: (streams: readonly string[]) =>
      streams.length === 0 ? (
        '—'
      ) : (
        <EuiText size="xs" data-test-subj="chainStreams" style={{ wordBreak: 'break-all' }}>
          {streams.map((s) => (
            <div key={s}>{s}</div>
          ))}
        </EuiText>
      ),
  },
  { field: 'verifiedAt', name: 'Last verification', sortable: true, width: '11%', render: (_: string, c: Row) => <VerificationBadge report={c.lastVerification} /> },
  { field: 'state', name: 'Writer', sortable: true, width: '7%', render: (_: string, c: Row) => <ChainStateBadge chain={c} /> },
];

function ChainsTable() {
  const { data, error, isLoading, mutate } = useChains();
  usePageLoaded(data !== undefined);
  if (error) {
    return (
      <EuiCallOut title="The blockchains could not be loaded" color="danger" iconType="error" announceOnMount={false} data-test-subj="chainsError">
        <p>{error.message}</p>
      </EuiCallOut>
    );
  }
  if (data !== undefined && data.chains.length === 0) {
    return (
      <EuiPageTemplate.EmptyPrompt
        iconType="link"
        color="subdued"
        title={<h2 data-test-subj="chainsEmpty">No blockchain yet</h2>}
        body={
          <>
            <p>
              A blockchain starts with its first signed log. Send logs to <code>POST /api/log_batch</code> (or <code>/api/log</code>) with <code>EBP_METADATA</code> naming the customer, retention and blockchain tag — Logstash&apos;s http output with
              <code> format =&gt; json_batch</code> does this — and the chain appears here.
            </p>
            <EuiCodeBlock language="bash" fontSize="s" paddingSize="s" isCopyable>
              {FIRST_LOG}
            </EuiCodeBlock>
          </>
        }
        actions={
          <EuiButton iconType="refresh" onClick={() => void mutate()} data-test-subj="chainsRefresh">
            Refresh
          </EuiButton>
        }
      />
    );
  }
  const chains = data?.chains ?? [];
  const blocked = chains.filter((c) => c.state === 'blocked').length;
  const never = chains.filter((c) => c.lastVerification === null).length;
  const failed = chains.filter((c) => c.lastVerification !== null && c.lastVerification.status !== 'ok').length;
  return (
    <>
      {data?.storeProblem != null && (
        <>
          <EuiCallOut title="Elasticsearch could not be read completely" color="warning" iconType="warning" announceOnMount={false} data-test-subj="chainsStoreProblem">
            <p>Chains are listed from this instance and its key files; heads, data streams and verification results from the store may be missing. {data.storeProblem}</p>
          </EuiCallOut>
          <EuiSpacer size="m" />
        </>
      )}
      <EuiFlexGroup gutterSize="l" responsive={false}>
        <EuiFlexItem grow={false}>
          <EuiStat title={String(chains.length)} description="Blockchains" titleSize="s" isLoading={isLoading} data-test-subj="chainsStatTotal" />
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiStat title={String(blocked)} description="Blocked" titleSize="s" titleColor={blocked > 0 ? 'danger' : 'default'} isLoading={isLoading} />
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiStat title={String(failed)} description="Last verification not OK" titleSize="s" titleColor={failed > 0 ? 'danger' : 'default'} isLoading={isLoading} />
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiStat title={String(never)} description="Never verified" titleSize="s" isLoading={isLoading} />
        </EuiFlexItem>
      </EuiFlexGroup>
      <EuiSpacer size="l" />
      <EuiInMemoryTable<Row>
        tableCaption="Blockchains"
        items={chains.map(toRow)}
        itemId="name"
        columns={columns}
        loading={isLoading}
        search={{ box: { incremental: true, placeholder: 'Search blockchain, customer, retention, tag, data stream…', 'data-test-subj': 'chainsSearch' } }}
        sorting={{ sort: { field: 'name', direction: 'asc' } }}
        pagination={{ initialPageSize: 20, pageSizeOptions: [10, 20, 50, 100] }}
        noItemsMessage={isLoading ? 'Loading…' : 'No blockchain matches the search.'}
        responsiveBreakpoint={false}
        data-test-subj="chainsTable"
      />
      <EuiSpacer size="s" />
      <EuiText size="xs" color="subdued">
        <p>
          Head iteration: the last signed iteration (the writer&apos;s head while the chain is loaded in this instance, else the highest stored one). Rate: logs signed per second over the last {data?.rateWindowSecs ?? 60} s, counted in
          Elasticsearch. Refreshed every 5 s.
        </p>
      </EuiText>
    </>
  );
}

/** Every blockchain with its identity, head, rate, data streams and last verification. */
export function BlockchainsPage() {
  return (
    <BrowserSectionPage
      title="Blockchains"
      testSubj="chainsPage"
      description="Every blockchain this instance signs or has key files for: its customer, retention and tag, head iteration, last signing, rate, data streams and last verification result."
    >
      <ChainsTable />
    </BrowserSectionPage>
  );
}

'use client';

import {
  EuiBadge,
  EuiBasicTable,
  EuiButton,
  EuiButtonEmpty,
  EuiCallOut,
  EuiCode,
  EuiDescriptionList,
  EuiFlexGrid,
  EuiFlexItem,
  EuiInMemoryTable,
  EuiPageTemplate,
  EuiPanel,
  EuiSpacer,
  EuiTitle,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import { useState } from 'react';
import { useChainDetail } from '@/lib/client';
import { chainNameProblem, type ChainDataStreamDto, type ChainDetailDto, type ChainReportDto, type SignedLogDto } from '@/lib/shared';
import { ChainStateBadge, formatTime, VerificationBadge } from './chain-badges';
import { ClientOnly } from './client-only';
import { ConsolePage } from './console-page';
import { SignedLogFlyout } from './signed-log-flyout';
import { usePageLoaded } from './page-loaded';

/** How many recent signed logs the page asks for. */
const RECENT_LOGS = 30;

const streamColumns: EuiBasicTableColumn<ChainDataStreamDto>[] = [
  { field: 'name', name: 'Data stream', width: '40%', render: (n: string) => <span data-test-subj="chainDataStream">{n}</span> },
  { field: 'status', name: 'Health', render: (s: string | null) => (s === null ? '—' : <EuiBadge color={s === 'GREEN' ? 'success' : s === 'YELLOW' ? 'warning' : 'danger'}>{s}</EuiBadge>) },
  { field: 'generation', name: 'Generation', render: (g: number | null) => g ?? '—' },
  { field: 'backingIndices', name: 'Backing indices' },
  { field: 'template', name: 'Index template', render: (t: string | null) => t ?? '—' },
  { field: 'ilmPolicy', name: 'ILM policy', render: (p: string | null) => p ?? '—' },
];

const reportColumns: EuiBasicTableColumn<ChainReportDto>[] = [
  { field: 'finishedAt', name: 'Finished', sortable: true, render: (t: string | null) => formatTime(t) },
  { field: 'mode', name: 'Mode', sortable: true, render: (m: string | null) => m ?? '—' },
  { field: 'status', name: 'Result', sortable: true, render: (_: string, r: ChainReportDto) => <VerificationBadge report={r} /> },
  { field: 'errors', name: 'Errors', sortable: true, dataType: 'number' },
  { field: 'warnings', name: 'Warnings', sortable: true, dataType: 'number' },
  { field: 'acknowledged', name: 'Acknowledged', sortable: true, dataType: 'number' },
  { field: 'logsChecked', name: 'Logs checked', sortable: true, dataType: 'number', render: (n: number | null) => n ?? '—' },
  { field: 'verifiedTo', name: 'Iterations', render: (_: number | null, r: ChainReportDto) => (r.verifiedFrom === null ? '—' : `${r.verifiedFrom}–${r.verifiedTo ?? '?'}`) },
  { field: 'reportId', name: 'Report', truncateText: true, render: (id: string) => <EuiCode transparentBackground>{id}</EuiCode> },
];

function logColumns(onOpen: (l: SignedLogDto) => void): EuiBasicTableColumn<SignedLogDto>[] {
  return [
    {
      field: 'iteration',
      name: 'Iteration',
      sortable: true,
      dataType: 'number',
      render: (n: number | null, l: SignedLogDto) => (
        <EuiButtonEmpty size="xs" flush="left" onClick={() => onOpen(l)} data-test-subj="chainLogOpen" aria-label={`Show the document of iteration ${n ?? '?'}`}>
          {n ?? '—'}
        </EuiButtonEmpty>
      ),
    },
    { field: 'signedAt', name: 'Signed', sortable: true, render: (t: string | null) => formatTime(t) },
    { field: 'hash', name: 'Hash', truncateText: true, render: (h: string | null) => (h === null ? '—' : <EuiCode transparentBackground>{h}</EuiCode>) },
    { field: 'index', name: 'Index', truncateText: true, sortable: true },
    { field: 'id', name: 'Document id', truncateText: true },
  ];
}

function Head({ d }: { d: ChainDetailDto }) {
  const c = d.chain;
  return (
    <EuiFlexGrid columns={2} gutterSize="l">
      <EuiFlexItem>
        <EuiDescriptionList
          type="column"
          compressed
          columnWidths={['180px', 'auto']}
          data-test-subj="chainHeadList"
          listItems={[
            { title: 'Head iteration', description: <span data-test-subj="chainDetailHead">{c.headIteration ?? '—'}</span> },
            { title: 'Last hash', description: c.headIteration === null ? '—' : <EuiCode data-test-subj="chainLastHash" style={{ wordBreak: 'break-all' }}>{d.lastHash ?? '—'}</EuiCode> },
            { title: 'Last signed', description: formatTime(c.lastSignedAt) },
            { title: 'Highest stored iteration', description: c.storedIteration ?? '—' },
            { title: `Rate (last ${d.rateWindowSecs} s)`, description: `${c.rate} logs/s` },
            { title: 'Last verification', description: <VerificationBadge report={c.lastVerification} /> },
          ]}
        />
      </EuiFlexItem>
      <EuiFlexItem>
        <EuiDescriptionList
          type="column"
          compressed
          columnWidths={['140px', 'auto']}
          listItems={[
            { title: 'Module', description: c.module },
            { title: 'Customer', description: c.customer },
            { title: 'Retention', description: c.retention },
            { title: 'Blockchain tag', description: c.tag },
            { title: 'Writer', description: <ChainStateBadge chain={c} /> },
            { title: 'Queued / outbox', description: `${c.queuedLogs} queued, ${c.pendingOutbox} waiting in the outbox` },
          ]}
        />
      </EuiFlexItem>
    </EuiFlexGrid>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <>
      <EuiSpacer size="xl" />
      <EuiTitle size="xs">
        <h3>{title}</h3>
      </EuiTitle>
      <EuiSpacer size="s" />
      {children}
    </>
  );
}

function NotFound({ title, body }: { title: string; body: string }) {
  return (
    <EuiPageTemplate.EmptyPrompt
      iconType="magnifyExclamation"
      color="subdued"
      title={<h2 data-test-subj="chainNotFound">{title}</h2>}
      body={<p>{body}</p>}
      actions={
        <EuiButton href="/blockchains" iconType="link" data-test-subj="chainBackToList">
          All blockchains
        </EuiButton>
      }
    />
  );
}

function Detail({ chain }: { chain: string }) {
  const problem = chainNameProblem(chain);
  const { data, error, isLoading } = useChainDetail(problem === null ? chain : null, RECENT_LOGS);
  usePageLoaded(data !== undefined);
  const [open, setOpen] = useState<SignedLogDto | null>(null);
  if (problem !== null) return <NotFound title="Not a blockchain name" body={`"${chain.slice(0, 300)}" is not a blockchain name: ${problem}. Names are {module}-{customer}-{retention}-{tag}.`} />;
  if (error?.status === 404) return <NotFound title="Blockchain not found" body={`${error.message}. It appears here once its first log is signed.`} />;
  if (error) {
    return (
      <EuiCallOut title="The blockchain could not be loaded" color="danger" iconType="error" announceOnMount={false} data-test-subj="chainError">
        <p>{error.message}</p>
      </EuiCallOut>
    );
  }
  if (data === undefined) return <EuiPanel color="transparent" paddingSize="l" data-test-subj="chainLoading">{isLoading ? 'Loading…' : ''}</EuiPanel>;
  return (
    <>
      {data.storeProblem !== null && (
        <>
          <EuiCallOut title="Elasticsearch could not be read completely" color="warning" iconType="warning" announceOnMount={false} data-test-subj="chainStoreProblem">
            <p>{data.storeProblem}</p>
          </EuiCallOut>
          <EuiSpacer size="m" />
        </>
      )}
      <Head d={data} />
      <Section title="Data streams">
        <EuiBasicTable<ChainDataStreamDto> tableCaption="Data streams of this blockchain" items={[...data.dataStreams]} columns={streamColumns} noItemsMessage="No data stream holds logs of this blockchain yet." responsiveBreakpoint={false} data-test-subj="chainDataStreams" />
      </Section>
      <Section title={`Recent signed logs (newest ${RECENT_LOGS} by iteration)`}>
        <EuiInMemoryTable<SignedLogDto>
          tableCaption="Recent signed logs"
          items={[...data.recentLogs]}
          itemId="id"
          columns={logColumns(setOpen)}
          search={{ box: { incremental: true, placeholder: 'Search iteration, hash, index…', 'data-test-subj': 'chainLogsSearch' } }}
          sorting={{ sort: { field: 'iteration', direction: 'desc' } }}
          pagination={{ initialPageSize: 10, pageSizeOptions: [10, 30] }}
          noItemsMessage="No signed log is stored yet."
          responsiveBreakpoint={false}
          data-test-subj="chainLogs"
        />
      </Section>
      <Section title="Verification reports">
        <EuiInMemoryTable<ChainReportDto>
          tableCaption="Verification reports of this blockchain"
          items={[...data.reports]}
          itemId="reportId"
          columns={reportColumns}
          sorting={{ sort: { field: 'finishedAt', direction: 'desc' } }}
          pagination={{ initialPageSize: 10, pageSizeOptions: [10, 20, 50] }}
          noItemsMessage="Never verified. Auditors verify a chain from the Verification page or with `signet verify`."
          responsiveBreakpoint={false}
          data-test-subj="chainReports"
        />
      </Section>
      {open !== null && <SignedLogFlyout log={open} onClose={() => setOpen(null)} />}
    </>
  );
}

/** One blockchain: head, last hash, data streams, recent signed logs (with their documents) and reports. */
export function BlockchainDetailPage({ chain }: { chain: string }) {
  return (
    <ConsolePage breadcrumbs={[{ text: 'Signet', href: '/' }, { text: 'Blockchains', href: '/blockchains' }, { text: chain.slice(0, 80) }]} data-test-subj="chainDetailPage">
      <EuiPageTemplate.Header pageTitle={chain.slice(0, 300)} pageTitleProps={{ 'data-test-subj': 'pageTitle' }} description="A blockchain: its head, data streams, newest signed logs and verification reports. Refreshed every 5 s." bottomBorder />
      <EuiPageTemplate.Section>
        <ClientOnly>
          <Detail chain={chain} />
        </ClientOnly>
      </EuiPageTemplate.Section>
    </ConsolePage>
  );
}

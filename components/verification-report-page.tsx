'use client';

import { EuiButtonIcon, EuiCallOut, EuiCode, EuiCopy, EuiDescriptionList, EuiFlexGroup, EuiFlexItem, EuiInMemoryTable, EuiLoadingSpinner, EuiPageTemplate, EuiPanel, EuiSpacer, EuiText, EuiTitle, type EuiBasicTableColumn } from '@elastic/eui';
import { useVerificationReport } from '@/lib/client';
import type { VerificationReportAcknowledgedDto, VerificationReportDto, VerificationReportErrorDto, VerificationReportWarningDto } from '@/lib/shared';
import { ClientOnly } from './client-only';
import { ConsolePage } from './console-page';
import { formatCount, formatDuration, formatTime, StatusBadge } from './verification-status';
import { usePageLoaded } from './page-loaded';

function iterations(e: VerificationReportErrorDto): string {
  if (e.iteration !== undefined) return String(e.iteration);
  if (e.from_iteration !== undefined && e.to_iteration !== undefined) return e.from_iteration === e.to_iteration ? String(e.from_iteration) : `${e.from_iteration} – ${e.to_iteration}`;
  return '—';
}

function CorruptionId({ id }: { id: string | null }) {
  if (id === null) return <>—</>;
  return (
    <EuiFlexGroup gutterSize="xs" alignItems="center" responsive={false}>
      <EuiFlexItem style={{ minWidth: 0 }}>
        <EuiCode transparentBackground style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', display: 'block' }} data-test-subj="verificationCorruptionId">
          {id}
        </EuiCode>
      </EuiFlexItem>
      <EuiFlexItem grow={false}>
        <EuiCopy textToCopy={id}>{(copy) => <EuiButtonIcon iconType="copy" aria-label="Copy the CorruptionId" onClick={copy} />}</EuiCopy>
      </EuiFlexItem>
    </EuiFlexGroup>
  );
}

const ERROR_COLUMNS: EuiBasicTableColumn<VerificationReportErrorDto>[] = [
  { field: 'type', name: 'Error', sortable: true, render: (t: string, e: VerificationReportErrorDto) => <span title={e.code}>{t}</span> },
  { field: 'code', name: 'Code', sortable: true, truncateText: true },
  { name: 'Iterations', sortable: (e: VerificationReportErrorDto) => e.iteration ?? e.from_iteration ?? -1, render: (e: VerificationReportErrorDto) => iterations(e) },
  { field: 'corruption_id', name: 'CorruptionId', width: '24em', render: (id: string | null) => <CorruptionId id={id} /> },
  { field: 'detail', name: 'Detail', truncateText: true, render: (d: string | undefined) => d ?? '—' },
];

const WARNING_COLUMNS: EuiBasicTableColumn<VerificationReportWarningDto>[] = [
  { field: 'code', name: 'Warning', sortable: true, width: '18em' },
  { field: 'message', name: 'Message' },
  { field: 'iterations', name: 'Iterations', width: '120px', render: (its: readonly number[] | undefined) => (its === undefined ? '—' : formatCount(its.length)) },
];

const ACK_COLUMNS: EuiBasicTableColumn<VerificationReportAcknowledgedDto>[] = [
  { field: 'type', name: 'Error', sortable: true },
  { name: 'Iterations', render: (e: VerificationReportAcknowledgedDto) => iterations(e) },
  { field: 'acknowledgement.acknowledged_by', name: 'Acknowledged by', sortable: true },
  { field: 'acknowledgement.acknowledged_at', name: 'At', sortable: true, render: (t: string) => formatTime(t) },
  { field: 'acknowledgement.reason', name: 'Reason', truncateText: true },
  { field: 'acknowledgement.description', name: 'Description', truncateText: true },
];

function Summary({ r }: { r: VerificationReportDto }) {
  const range = r.verified_from === null ? 'nothing read' : `${r.verified_from} – ${r.verified_to ?? r.verified_from}`;
  return (
    <EuiPanel hasBorder paddingSize="l" data-test-subj="verificationReportSummary">
      <EuiDescriptionList
        type="column"
        compressed
        columnWidths={[1, 3]}
        listItems={[
          { title: 'Result', description: <StatusBadge status={r.status} /> },
          { title: 'Blockchain', description: <span data-test-subj="verificationReportChain">{r.chain}</span> },
          { title: 'Mode', description: r.incremental_fallback === null ? r.mode : `${r.mode} (incremental fell back: ${r.incremental_fallback})` },
          { title: 'Iterations verified', description: range },
          { title: 'Logs checked', description: <span data-test-subj="verificationReportLogs">{formatCount(r.logs_checked)}</span> },
          { title: 'Errors', description: <span data-test-subj="verificationReportErrors">{formatCount(r.errors_total)}</span> },
          { title: 'Warnings', description: formatCount(r.warnings.length) },
          { title: 'Acknowledged', description: `${formatCount(r.acknowledged.length)}${r.acknowledgements_not_evaluated > 0 ? ` (${r.acknowledgements_not_evaluated} acknowledgements outside this run's range not evaluated)` : ''}` },
          { title: 'Started', description: formatTime(r.started_at) },
          { title: 'Finished', description: `${formatTime(r.finished_at)} (${formatDuration(r.duration_ms)})` },
          { title: 'Last full verification', description: formatTime(r.last_full_verification_at) },
          { title: 'State history', description: r.state_history_updated ? 'updated' : 'not updated (errors remain)' },
          ...(r.unplaced_total > 0 ? [{ title: 'Unplaced documents', description: formatCount(r.unplaced_total) }] : []),
        ]}
      />
    </EuiPanel>
  );
}

function Section<T extends object>({ title, items, columns, empty, testSubj, note }: { title: string; items: readonly T[]; columns: EuiBasicTableColumn<T>[]; empty: string; testSubj: string; note?: string }) {
  return (
    <>
      <EuiSpacer size="xl" />
      <EuiTitle size="xs">
        <h3>
          {title} ({formatCount(items.length)})
        </h3>
      </EuiTitle>
      {note !== undefined && (
        <EuiText size="s" color="subdued">
          <p>{note}</p>
        </EuiText>
      )}
      <EuiSpacer size="s" />
      <EuiInMemoryTable<T> items={[...items]} columns={columns} pagination={{ initialPageSize: 20, pageSizeOptions: [10, 20, 50, 100] }} sorting search={items.length > 10 ? { box: { incremental: true } } : undefined} noItemsMessage={empty} responsiveBreakpoint={false} tableCaption={title} data-test-subj={testSubj} />
    </>
  );
}

function ReportContent({ id }: { id: string }) {
  const { data: r, error, isLoading } = useVerificationReport(id);
  usePageLoaded(r !== undefined);
  if (error) {
    return (
      <EuiCallOut title={error.status === 404 ? 'No such report' : 'The report could not be loaded'} color="danger" iconType="error" announceOnMount={false} data-test-subj="verificationReportError">
        <p>{error.message}</p>
      </EuiCallOut>
    );
  }
  if (isLoading || r === undefined) return <EuiLoadingSpinner size="xl" />;
  const capped = r.errors_total > r.errors.length;
  return (
    <>
      {r.status === 'ok' && (
        <EuiCallOut title="The blockchain verifies: no error, no warning" color="success" iconType="checkCircleFill" announceOnMount={false} data-test-subj="verificationReportClean" />
      )}
      {r.status === 'critical' && (
        <EuiCallOut title={`${formatCount(r.errors_total)} unacknowledged error${r.errors_total === 1 ? '' : 's'}`} color="danger" iconType="error" announceOnMount={false} data-test-subj="verificationReportCritical">
          <p>Each error's CorruptionId identifies it for an acknowledgement on the Corruptions page or with `signet acknowledge`.</p>
        </EuiCallOut>
      )}
      {r.status === 'warning' && <EuiCallOut title="Verified with warnings" color="warning" iconType="warning" announceOnMount={false} data-test-subj="verificationReportWarning" />}
      <EuiSpacer size="m" />
      <Summary r={r} />
      <Section title="Errors" items={r.errors} columns={ERROR_COLUMNS} empty="No errors." testSubj="verificationReportErrorsTable" note={capped ? `The first ${formatCount(r.errors.length)} of ${formatCount(r.errors_total)} are listed; the report files on the server keep them all.` : undefined} />
      <Section title="Warnings" items={r.warnings} columns={WARNING_COLUMNS} empty="No warnings." testSubj="verificationReportWarningsTable" />
      <Section title="Acknowledged" items={r.acknowledged} columns={ACK_COLUMNS} empty="No acknowledged corruption in the verified range." testSubj="verificationReportAckTable" note="Corruptions an auditor acknowledged: shown here, not counted as errors." />
    </>
  );
}

/** One verification report: summary, errors (code, iterations, CorruptionId), warnings and acknowledged entries. */
export function VerificationReportPage({ reportId }: { reportId: string }) {
  return (
    <ConsolePage breadcrumbs={[{ text: 'Signet', href: '/' }, { text: 'Verification', href: '/verification' }, { text: reportId }]} data-test-subj="verificationReportPage">
      <EuiPageTemplate.Header pageTitle="Verification report" pageTitleProps={{ 'data-test-subj': 'pageTitle' }} description={<EuiCode>{reportId}</EuiCode>} bottomBorder />
      <EuiPageTemplate.Section>
        <ClientOnly>
          <ReportContent id={reportId} />
        </ClientOnly>
      </EuiPageTemplate.Section>
    </ConsolePage>
  );
}

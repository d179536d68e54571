'use client';

import { EuiBasicTable, EuiCallOut, EuiFormRow, EuiLink, EuiSelect, EuiSpacer, type Criteria, type EuiBasicTableColumn } from '@elastic/eui';
import { useEffect, useState } from 'react';
import { useVerificationReports } from '@/lib/client';
import type { VerificationReportSummaryDto } from '@/lib/shared';
import { formatCount, formatDuration, formatTime, StatusBadge } from './verification-status';

const COLUMNS: EuiBasicTableColumn<VerificationReportSummaryDto>[] = [
  {
    field: 'finishedAt',
    name: 'Finished',
    width: '13em',
    render: (t: string, r: VerificationReportSummaryDto) => (
      <EuiLink href={`/verification/${r.id}`} data-test-subj="verificationReportLink">
        {formatTime(t)}
      </EuiLink>
    ),
  },
  { field: 'chain', name: 'Blockchain', render: (c: string) => <span style={{ wordBreak: 'break-all' }}>{c}</span> },
  { field: 'mode', name: 'Mode', width: '90px' },
  { field: 'status', name: 'Result', width: '90px', render: (s: VerificationReportSummaryDto['status']) => <StatusBadge status={s} /> },
  { field: 'logsChecked', name: 'Logs checked', width: '9em', dataType: 'number', render: (n: number) => formatCount(n) },
  { field: 'errorsTotal', name: 'Errors', width: '6em', dataType: 'number', render: (n: number) => <span data-test-subj="verificationHistoryErrors">{formatCount(n)}</span> },
  { field: 'warnings', name: 'Warnings', width: '6em', dataType: 'number' },
  { field: 'acknowledged', name: 'Acknowledged', width: '9em', dataType: 'number' },
  { field: 'durationMs', name: 'Duration', width: '7em', render: (ms: number) => formatDuration(ms) },
];

/** The report history (`signet-verification-reports`), newest first, paged, filtered by chain. */
export function VerificationHistory({ chains, initialChain, version }: { chains: readonly string[]; initialChain: string | null; version: number }) {
  const [chain, setChain] = useState(initialChain ?? '');
  const [page, setPage] = useState(0);
  const [size, setSize] = useState(20);
  const { data, error, isLoading, mutate } = useVerificationReports(chain, page, size);
  useEffect(() => {
    // A run finished: its report is in the history now.
    if (version > 0) void mutate();
  }, [version, mutate]);
  const options = [{ value: '', text: 'All blockchains' }, ...chains.map((c) => ({ value: c, text: c }))];
  if (chain !== '' && !chains.includes(chain)) options.push({ value: chain, text: chain });
  return (
    <>
      <EuiFormRow label="Blockchain" display="columnCompressed" style={{ maxWidth: 520 }}>
        <EuiSelect
          compressed
          options={options}
          value={chain}
          onChange={(e) => {
            setChain(e.target.value);
            setPage(0);
          }}
          data-test-subj="verificationHistoryChain"
        />
      </EuiFormRow>
      <EuiSpacer size="s" />
      {error && (
        <>
          <EuiCallOut title="The report history could not be loaded" color="danger" iconType="error" announceOnMount={false} data-test-subj="verificationHistoryError">
            <p>{error.message}</p>
          </EuiCallOut>
          <EuiSpacer size="m" />
        </>
      )}
      <EuiBasicTable<VerificationReportSummaryDto>
        tableCaption="Verification reports, newest first"
        items={[...(data?.reports ?? [])]}
        itemId="id"
        columns={COLUMNS}
        loading={isLoading}
        responsiveBreakpoint={false}
        noItemsMessage={isLoading ? 'Loading…' : chain === '' ? 'No verification report yet. Start a verification above (auditors) or run `signet verify`; every finished run is listed here.' : `No verification report for ${chain} yet.`}
        pagination={{ pageIndex: page, pageSize: size, totalItemCount: Math.min(data?.total ?? 0, 1000 * size), pageSizeOptions: [10, 20, 50, 100] }}
        onChange={({ page: p }: Criteria<VerificationReportSummaryDto>) => {
          if (p === undefined) return;
          setPage(p.index);
          setSize(p.size);
        }}
        data-test-subj="verificationHistoryTable"
      />
    </>
  );
}

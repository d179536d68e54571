'use client';

import { EuiBadge, EuiButtonEmpty, EuiButtonIcon, type EuiBasicTableColumn } from '@elastic/eui';
import type { DlqFileDto } from '@/lib/shared';

function ErrorTypes({ types }: { types: Readonly<Record<string, number>> }) {
  const entries = Object.entries(types);
  if (entries.length === 0) return <>—</>;
  return (
    <>
      {entries.map(([t, n]) => (
        <EuiBadge key={t} color="hollow">
          {t} × {n}
        </EuiBadge>
      ))}
    </>
  );
}

/** The columns of the DLQ page's two file tables; `onArchive` null: the user may not archive. */
export function dlqFileColumns(onOpen: (f: DlqFileDto) => void, onArchive: ((f: DlqFileDto) => void) | null): EuiBasicTableColumn<DlqFileDto>[] {
  const actions: EuiBasicTableColumn<DlqFileDto> = {
    name: 'Actions',
    width: '110px',
    render: (f: DlqFileDto) => (
      <span>
        <EuiButtonIcon iconType="inspect" aria-label={`Show the entries of ${f.relPath}`} onClick={() => onOpen(f)} data-test-subj="dlqEntriesButton" />
        {onArchive !== null && <EuiButtonIcon iconType="folderClosed" color="danger" aria-label={`Archive ${f.relPath}`} onClick={() => onArchive(f)} data-test-subj="dlqArchiveButton" />}
      </span>
    ),
  };
  return [
    {
      field: 'relPath',
      name: 'File',
      sortable: true,
      truncateText: true,
      render: (rel: string, f: DlqFileDto) => (
        <EuiButtonEmpty size="xs" flush="left" onClick={() => onOpen(f)} data-test-subj="dlqFileLink">
          {rel}
        </EuiButtonEmpty>
      ),
    },
    { field: 'customer', name: 'Customer', sortable: true, render: (c: string | null) => c ?? '—' },
    { field: 'dataStream', name: 'Data stream', sortable: true, truncateText: true, render: (d: string | null) => d ?? '—' },
    { field: 'entries', name: 'Entries', sortable: true, dataType: 'number', render: (n: number) => <span data-test-subj="dlqEntries">{n}</span> },
    { field: 'errorTypes', name: 'Errors', render: (t: DlqFileDto['errorTypes']) => <ErrorTypes types={t} /> },
    {
      field: 'tornTail',
      name: 'Torn line',
      sortable: true,
      render: (torn: boolean, f: DlqFileDto) => (torn ? <EuiBadge color="warning">torn last line</EuiBadge> : f.badLines > 0 ? <EuiBadge color="warning">{f.badLines} bad lines</EuiBadge> : '—'),
    },
    { field: 'modified', name: 'Last write', sortable: true, render: (t: string) => t.replace('T', ' ').replace(/\.\d+Z$/, ' UTC') },
    actions,
  ];
}

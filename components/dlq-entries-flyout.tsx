'use client';

import {
  EuiBadge,
  EuiBasicTable,
  EuiButtonIcon,
  EuiCallOut,
  EuiCodeBlock,
  EuiDescriptionList,
  EuiFieldSearch,
  EuiFlyout,
  EuiFlyoutBody,
  EuiFlyoutHeader,
  EuiSpacer,
  EuiText,
  EuiTitle,
  type Criteria,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import { useState, type ReactNode } from 'react';
import { useDlqEntries } from '@/lib/client';
import { prettyJsonText, type DlqEntryDto, type DlqFileDto } from '@/lib/shared';

/** The Elasticsearch error (or rejection reason) and the document of one entry: the expanded row. */
function EntryDetails({ entry, rejected }: { entry: DlqEntryDto; rejected: boolean }) {
  const items: { title: string; description: NonNullable<ReactNode> }[] = [];
  if (entry.problem !== null) items.push({ title: 'Unreadable line', description: `${entry.problem} (kept byte for byte, never dropped)` });
  if (entry.error !== null) items.push({ title: 'Elasticsearch error', description: <span data-test-subj="dlqEntryError"><EuiBadge color="danger">{entry.error.type}</EuiBadge> {entry.error.reason}</span> });
  if (rejected && entry.reason !== null) items.push({ title: 'Why it was not signed', description: <span data-test-subj="dlqEntryReason">{entry.reason}</span> });
  if (entry.receivedAt !== null) items.push({ title: 'Received', description: entry.receivedAt });
  return (
    <div style={{ width: '100%' }} data-test-subj="dlqEntryDetails">
      <EuiDescriptionList type="column" compressed listItems={items} />
      <EuiSpacer size="s" />
      {entry.text !== null && (
        <EuiCodeBlock language="json" fontSize="s" paddingSize="s" overflowHeight={360} isCopyable data-test-subj="dlqEntryDocument">
          {entry.problem === null ? prettyJsonText(entry.text) : entry.text}
        </EuiCodeBlock>
      )}
      {entry.truncated && (
        <EuiText size="xs" color="subdued">
          <p>Cut for display; the file keeps the whole document.</p>
        </EuiText>
      )}
    </div>
  );
}

function columns(rejected: boolean, expanded: Record<number, boolean>, toggle: (line: number) => void): EuiBasicTableColumn<DlqEntryDto>[] {
  const cols: EuiBasicTableColumn<DlqEntryDto>[] = [
    {
      width: '40px',
      isExpander: true,
      name: '',
      render: (e: DlqEntryDto) => (
        <EuiButtonIcon onClick={() => toggle(e.line)} aria-label={expanded[e.line] ? 'Hide the document' : 'Show the error and the document'} iconType={expanded[e.line] ? 'chevronSingleDown' : 'chevronSingleRight'} data-test-subj="dlqEntryToggle" />
      ),
    },
    { field: 'line', name: 'Line', width: '70px', render: (n: number) => <span data-test-subj="dlqEntryLine">{n}</span> },
    { field: 'timestamp', name: '@timestamp', render: (t: string | null) => t ?? '—' },
  ];
  if (!rejected) {
    cols.push({ field: 'iteration', name: 'Iteration', width: '90px', render: (n: number | null) => (n === null ? '—' : String(n)) });
    cols.push({
      field: 'error',
      name: 'Elasticsearch error',
      render: (err: DlqEntryDto['error'], e: DlqEntryDto) =>
        e.problem !== null ? <EuiBadge color="warning">{e.problem}</EuiBadge> : err === null ? '—' : <span data-test-subj="dlqEntryErrorType"><EuiBadge color="danger">{err.type}</EuiBadge> <EuiText size="xs" component="span">{err.reason.slice(0, 160)}</EuiText></span>,
    });
  } else {
    cols.push({ field: 'reason', name: 'Reason', render: (r: string | null, e: DlqEntryDto) => (e.problem !== null ? <EuiBadge color="warning">{e.problem}</EuiBadge> : <span data-test-subj="dlqEntryReasonCell">{r ?? '—'}</span>) });
  }
  return cols;
}

/** A DLQ file's entries, paged and searched on the server, each with its error and document. */
export function DlqEntriesFlyout({ file, rejected, onClose }: { file: DlqFileDto; rejected: boolean; onClose: () => void }) {
  const [page, setPage] = useState(0);
  const [size, setSize] = useState(20);
  const [query, setQuery] = useState('');
  const [typed, setTyped] = useState('');
  const [expanded, setExpanded] = useState<Record<number, boolean>>({});
  const { data, error, isLoading } = useDlqEntries(file.relPath, page, size, query);
  const toggle = (line: number) => setExpanded((m) => ({ ...m, [line]: !m[line] }));
  const rows: Record<number, ReactNode> = {};
  for (const e of data?.entries ?? []) if (expanded[e.line]) rows[e.line] = <EntryDetails entry={e} rejected={rejected} />;
  const changed = data !== undefined && data.version !== file.version;

  return (
    <EuiFlyout onClose={onClose} size="l" ownFocus aria-labelledby="dlqFlyoutTitle" data-test-subj="dlqFlyout">
      <EuiFlyoutHeader hasBorder>
        <EuiTitle size="s">
          <h2 id="dlqFlyoutTitle">{file.relPath}</h2>
        </EuiTitle>
        <EuiSpacer size="s" />
        <EuiDescriptionList
          type="inline"
          compressed
          listItems={[
            { title: 'Customer', description: file.customer ?? '—' },
            { title: 'Data stream', description: file.dataStream ?? '—' },
            { title: 'Entries', description: String(file.entries) },
            { title: 'Bad lines', description: String(file.badLines) },
            { title: 'Torn last line', description: file.tornTail ? 'yes (kept, never dropped)' : 'no' },
            { title: 'Size', description: `${file.bytes} bytes` },
          ]}
        />
      </EuiFlyoutHeader>
      <EuiFlyoutBody>
        {rejected && (
          <>
            <EuiCallOut title="Logs that could not be signed" color="warning" iconType="warning" size="s" announceOnMount={false}>
              <p>The rejected area is listed only: these logs are never signed retroactively or recovered.</p>
            </EuiCallOut>
            <EuiSpacer size="m" />
          </>
        )}
        {changed && (
          <>
            <EuiCallOut title="This file changed since the list was loaded" color="warning" iconType="refresh" size="s" announceOnMount={false} data-test-subj="dlqFlyoutChanged">
              <p>New entries were written (or the file was settled). Close the flyout and refresh the list before archiving or recovering it.</p>
            </EuiCallOut>
            <EuiSpacer size="m" />
          </>
        )}
        <EuiFieldSearch
          fullWidth
          placeholder="Search the entries (document, error, reason) and press Enter"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onSearch={(v) => {
            setQuery(v.trim());
            setPage(0);
          }}
          isClearable
          data-test-subj="dlqEntriesSearch"
        />
        <EuiSpacer size="m" />
        {error !== undefined ? (
          <EuiCallOut title="The entries could not be loaded" color="danger" iconType="error" announceOnMount={false} data-test-subj="dlqEntriesError">
            <p>{error.message}</p>
          </EuiCallOut>
        ) : (
          <EuiBasicTable<DlqEntryDto>
            tableCaption={`Entries of ${file.relPath}`}
            items={[...(data?.entries ?? [])]}
            itemId="line"
            itemIdToExpandedRowMap={rows}
            columns={columns(rejected, expanded, toggle)}
            loading={isLoading}
            pagination={{ pageIndex: page, pageSize: size, totalItemCount: data?.total ?? 0, pageSizeOptions: [10, 20, 50, 100] }}
            onChange={({ page: p }: Criteria<DlqEntryDto>) => {
              if (p === undefined) return;
              setPage(p.index);
              setSize(p.size);
            }}
            noItemsMessage={isLoading ? 'Loading…' : query === '' ? 'This file has no entries.' : `No entry contains “${query}”.`}
            responsiveBreakpoint={false}
            data-test-subj="dlqEntriesTable"
          />
        )}
      </EuiFlyoutBody>
    </EuiFlyout>
  );
}

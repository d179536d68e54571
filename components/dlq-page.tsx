'use client';

import {
  EuiBadge,
  EuiButton,
  EuiButtonEmpty,
  EuiCallOut,
  EuiConfirmModal,
  EuiDescriptionList,
  EuiFlyout,
  EuiFlyoutBody,
  EuiFlyoutHeader,
  EuiGlobalToastList,
  EuiInMemoryTable,
  EuiPageTemplate,
  EuiSpacer,
  EuiStat,
  EuiFlexGroup,
  EuiFlexItem,
  EuiText,
  EuiTitle,
  type EuiBasicTableColumn,
  type EuiTableSelectionType,
} from '@elastic/eui';
import { useState } from 'react';
import { recoverDlq, useDlq } from '@/lib/client';
import type { DlqFileDto, DlqRecoverReportDto } from '@/lib/shared';
import { ClientOnly } from './client-only';
import { useConsoleChrome } from './console-chrome';
import { ConsolePage } from './console-page';

interface Toast {
  id: string;
  title: string;
  color: 'success' | 'warning' | 'danger';
  text?: string;
  'data-test-subj'?: string;
}

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

function columns(onOpen: (f: DlqFileDto) => void): EuiBasicTableColumn<DlqFileDto>[] {
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
  ];
}

function summarize(r: DlqRecoverReportDto): Toast {
  const t = r.totals;
  const text = `${t.recovered} recovered, ${t.alreadyStored} already stored, ${t.failed} failed, ${t.remainingEntries} still waiting.`;
  const id = `dlq-${Date.now()}`;
  if (r.stoppedBy !== null) return { id, title: 'Recovery stopped: Elasticsearch stopped answering', color: 'danger', text: `${text} ${r.stoppedBy}`, 'data-test-subj': 'dlqToastStopped' };
  if (r.complete) return { id, title: 'Dead letter queue recovered', color: 'success', text, 'data-test-subj': 'dlqToastSuccess' };
  return { id, title: 'Recovery finished; some entries stay in the queue', color: 'warning', text, 'data-test-subj': 'dlqToastPartial' };
}

function FileFlyout({ file, rejected, onClose }: { file: DlqFileDto; rejected: boolean; onClose: () => void }) {
  return (
    <EuiFlyout onClose={onClose} size="s" ownFocus aria-labelledby="dlqFlyoutTitle" data-test-subj="dlqFlyout">
      <EuiFlyoutHeader hasBorder>
        <EuiTitle size="s">
          <h2 id="dlqFlyoutTitle">{file.relPath}</h2>
        </EuiTitle>
      </EuiFlyoutHeader>
      <EuiFlyoutBody>
        {rejected && (
          <>
            <EuiCallOut title="Logs that could not be signed" color="warning" iconType="warning" announceOnMount={false}>
              <p>The rejected area is listed only: these logs are never signed retroactively or recovered.</p>
            </EuiCallOut>
            <EuiSpacer size="m" />
          </>
        )}
        <EuiDescriptionList
          type="column"
          compressed
          listItems={[
            { title: 'Customer', description: file.customer ?? '—' },
            { title: 'Data stream', description: file.dataStream ?? '—' },
            { title: 'Date', description: file.date ?? '—' },
            { title: 'Entries', description: String(file.entries) },
            { title: rejected ? 'Reasons' : 'Elasticsearch errors', description: <ErrorTypes types={file.errorTypes} /> },
            { title: 'Bad lines', description: String(file.badLines) },
            { title: 'Torn last line', description: file.tornTail ? 'yes (kept byte for byte, never dropped)' : 'no' },
            { title: 'Size', description: `${file.bytes} bytes` },
            { title: 'Last write', description: file.modified },
          ]}
        />
      </EuiFlyoutBody>
    </EuiFlyout>
  );
}

function DlqTables() {
  const { data, error, isLoading, mutate } = useDlq();
  const canOperate = useConsoleChrome()?.user.permissions.includes('operate') === true;
  const [selected, setSelected] = useState<DlqFileDto[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [running, setRunning] = useState(false);
  const [open, setOpen] = useState<{ file: DlqFileDto; rejected: boolean } | null>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const addToast = (t: Toast) => setToasts((l) => [...l, t]);

  const recover = async () => {
    setRunning(true);
    try {
      const report = await recoverDlq(selected.length === 0 ? undefined : selected.map((f) => f.relPath));
      addToast(summarize(report));
      setSelected([]);
    } catch (err) {
      addToast({ id: `dlq-${Date.now()}`, title: 'Recovery failed', color: 'danger', text: (err as Error).message, 'data-test-subj': 'dlqToastError' });
    } finally {
      setRunning(false);
      setConfirming(false);
      await mutate();
    }
  };

  const toastList = <EuiGlobalToastList toasts={toasts} dismissToast={(t) => setToasts((l) => l.filter((x) => x.id !== t.id))} toastLifeTimeMs={10_000} />;

  if (error) {
    return (
      <>
        <EuiCallOut title="The dead letter queue could not be loaded" color="danger" iconType="error" announceOnMount={false} data-test-subj="dlqError">
          <p>{error.message}</p>
        </EuiCallOut>
        {toastList}
      </>
    );
  }
  if (data !== undefined && data.signed.length === 0 && data.rejected.length === 0) {
    return (
      <>
        <EuiPageTemplate.EmptyPrompt
          iconType="checkInCircleFilled"
          color="subdued"
          title={<h2 data-test-subj="dlqEmpty">The dead letter queue is empty</h2>}
          body={<p>Every signed log reached Elasticsearch. When a delivery fails, its signed logs land here with the Elasticsearch error; recover them from this page or with `signet dlq recover`.</p>}
          actions={<EuiButton iconType="refresh" onClick={() => void mutate()} data-test-subj="dlqRefresh">Refresh</EuiButton>}
        />
        {toastList}
      </>
    );
  }

  const selection: EuiTableSelectionType<DlqFileDto> = { onSelectionChange: setSelected, selected };
  const target = selected.length === 0 ? 'every signed file' : `${selected.length} selected file${selected.length === 1 ? '' : 's'}`;
  return (
    <>
      <EuiFlexGroup gutterSize="l" responsive={false}>
        <EuiFlexItem grow={false}>
          <EuiStat title={String(data?.totals.signedEntries ?? '—')} description="Signed entries waiting" titleSize="s" isLoading={isLoading} data-test-subj="dlqStatSigned" />
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiStat title={String(data?.totals.rejectedEntries ?? '—')} description="Rejected (unsigned) entries" titleSize="s" isLoading={isLoading} />
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiStat title={String(data?.totals.tornFiles ?? '—')} description="Files with a torn line" titleSize="s" isLoading={isLoading} />
        </EuiFlexItem>
        <EuiFlexItem />
        {canOperate && (
          <EuiFlexItem grow={false}>
            <EuiButton fill iconType="refresh" onClick={() => setConfirming(true)} isDisabled={(data?.signed.length ?? 0) === 0 || running} isLoading={running} data-test-subj="dlqRecoverButton">
              {selected.length === 0 ? 'Recover all' : `Recover ${selected.length} selected`}
            </EuiButton>
          </EuiFlexItem>
        )}
      </EuiFlexGroup>
      <EuiSpacer size="l" />
      <EuiTitle size="xs">
        <h3>Signed logs waiting for recovery</h3>
      </EuiTitle>
      <EuiSpacer size="s" />
      <EuiInMemoryTable<DlqFileDto>
        tableCaption="Dead letter queue files waiting for recovery"
        items={[...(data?.signed ?? [])]}
        itemId="relPath"
        columns={columns((file) => setOpen({ file, rejected: false }))}
        loading={isLoading}
        search={{ box: { incremental: true, placeholder: 'Search file, customer, data stream…', 'data-test-subj': 'dlqSearch' } }}
        sorting={{ sort: { field: 'modified', direction: 'desc' } }}
        pagination={{ initialPageSize: 20, pageSizeOptions: [10, 20, 50, 100] }}
        {...(canOperate ? { selection } : {})}
        noItemsMessage={isLoading ? 'Loading…' : 'No signed logs are waiting for recovery.'}
        responsiveBreakpoint={false}
        data-test-subj="dlqSignedTable"
      />
      <EuiSpacer size="xl" />
      <EuiTitle size="xs">
        <h3>Rejected area</h3>
      </EuiTitle>
      <EuiText size="s" color="subdued">
        <p>Logs that could not be signed. Listed only: they are never signed retroactively, recovered, moved or changed.</p>
      </EuiText>
      <EuiSpacer size="s" />
      <EuiInMemoryTable<DlqFileDto>
        tableCaption="Rejected logs that could not be signed"
        items={[...(data?.rejected ?? [])]}
        itemId="relPath"
        columns={columns((file) => setOpen({ file, rejected: true }))}
        loading={isLoading}
        search={{ box: { incremental: true, placeholder: 'Search rejected files…' } }}
        sorting={{ sort: { field: 'modified', direction: 'desc' } }}
        pagination={{ initialPageSize: 10, pageSizeOptions: [10, 20, 50] }}
        noItemsMessage={isLoading ? 'Loading…' : 'No rejected logs.'}
        responsiveBreakpoint={false}
        data-test-subj="dlqRejectedTable"
      />
      {open !== null && <FileFlyout file={open.file} rejected={open.rejected} onClose={() => setOpen(null)} />}
      {confirming && (
        <EuiConfirmModal
          title="Recover the dead letter queue?"
          aria-labelledby="dlqConfirmTitle"
          titleProps={{ id: 'dlqConfirmTitle' }}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void recover()}
          cancelButtonText="Cancel"
          confirmButtonText="Recover"
          buttonColor="primary"
          isLoading={running}
          data-test-subj="dlqConfirmModal"
        >
          <p>
            Re-indexes the signed logs of {target} into Elasticsearch, unchanged except the recovered tag, and moves what is recovered to the recovered folder. Entries Elasticsearch refuses, and bad or torn lines, stay in the queue. The rejected area is never touched.
          </p>
        </EuiConfirmModal>
      )}
      {toastList}
    </>
  );
}

/** The dead letter queue: files waiting for recovery, the rejected area, and the recover action (operators). */
export function DlqPage() {
  return (
    <ConsolePage breadcrumbs={[{ text: 'Signet', href: '/' }, { text: 'Dead letter queue' }]} data-test-subj="dlqPage">
      <EuiPageTemplate.Header
        pageTitle="Dead letter queue"
        pageTitleProps={{ 'data-test-subj': 'pageTitle' }}
        description="Signed logs Elasticsearch did not take, per file with the error of each, and logs that could not be signed. Recovery re-indexes the signed logs unchanged so each blockchain's gap closes."
        bottomBorder
      />
      <EuiPageTemplate.Section>
        {/* The tables make random ids while rendering: browser only (stack-notes). */}
        <ClientOnly>
          <DlqTables />
        </ClientOnly>
      </EuiPageTemplate.Section>
    </ConsolePage>
  );
}

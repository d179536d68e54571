'use client';

import {
  EuiButton,
  EuiButtonEmpty,
  EuiCallOut,
  EuiGlobalToastList,
  EuiInMemoryTable,
  EuiPageTemplate,
  EuiSpacer,
  EuiStat,
  EuiFlexGroup,
  EuiFlexItem,
  EuiText,
  EuiTitle,
  type EuiTableSelectionType,
} from '@elastic/eui';
import { useEffect, useState } from 'react';
import { archiveDlqFile, startDlqRecovery, useDlq, useDlqRecovery } from '@/lib/client';
import type { DlqFileDto } from '@/lib/shared';
import { useConsoleChrome } from './console-chrome';
import { BrowserSectionPage } from './browser-section-page';
import { DlqArchiveModal, DlqRecoverModal } from './dlq-confirm-modals';
import { DlqEntriesFlyout } from './dlq-entries-flyout';
import { dlqFileColumns } from './dlq-file-columns';
import { DlqRecoveryPanel } from './dlq-recovery-panel';
import { summarize, type Toast } from './dlq-recovery-toast';
import { usePageLoaded } from './page-loaded';

function DlqTables() {
  const { data, error, isLoading, mutate } = useDlq();
  usePageLoaded(data !== undefined);
  const recovery = useDlqRecovery();
  const canOperate = useConsoleChrome()?.user.permissions.includes('operate') === true;
  const [selected, setSelected] = useState<DlqFileDto[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [starting, setStarting] = useState(false);
  const [archiving, setArchiving] = useState<DlqFileDto | null>(null);
  const [archiveBusy, setArchiveBusy] = useState(false);
  const [open, setOpen] = useState<{ file: DlqFileDto; rejected: boolean } | null>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [watching, setWatching] = useState<string | null>(null);
  const addToast = (t: Toast) => setToasts((l) => [...l, t]);
  const job = recovery.data?.job ?? null;
  const running = job?.state === 'running';

  // The recovery this page started has ended: say how it went and reload the list.
  useEffect(() => {
    if (watching === null || job === null || job.id !== watching || job.state === 'running') return;
    setWatching(null);
    addToast(summarize(job));
    void mutate();
  }, [watching, job, mutate]);

  const recover = async () => {
    setStarting(true);
    try {
      const started = await startDlqRecovery(selected.length === 0 ? undefined : selected);
      setWatching(started.id);
      setSelected([]);
      await recovery.mutate({ job: started }, { revalidate: true });
    } catch (err) {
      addToast({ id: `dlq-${Date.now()}`, title: 'The recovery did not start', color: 'danger', text: (err as Error).message, 'data-test-subj': 'dlqToastError' });
      await mutate();
    } finally {
      setStarting(false);
      setConfirming(false);
    }
  };

  const archive = async (file: DlqFileDto) => {
    setArchiveBusy(true);
    try {
      const done = await archiveDlqFile(file);
      addToast({ id: `dlq-archive-${Date.now()}`, title: `Archived ${file.relPath}`, color: 'success', text: `Moved to ${done.archivedTo} in the dead letter queue folder; it is no longer recovered or counted.`, 'data-test-subj': 'dlqToastArchived' });
      setSelected((l) => l.filter((f) => f.relPath !== file.relPath));
    } catch (err) {
      addToast({ id: `dlq-archive-${Date.now()}`, title: 'Nothing was archived', color: 'danger', text: (err as Error).message, 'data-test-subj': 'dlqToastArchiveError' });
    } finally {
      setArchiveBusy(false);
      setArchiving(null);
      await mutate();
    }
  };

  const toastList = <EuiGlobalToastList toasts={toasts} dismissToast={(t) => setToasts((l) => l.filter((x) => x.id !== t.id))} toastLifeTimeMs={10_000} />;
  const recoveryPanel = job === null ? null : (
    <>
      <DlqRecoveryPanel job={job} />
      <EuiSpacer size="l" />
    </>
  );

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
        {recoveryPanel}
        <EuiPageTemplate.EmptyPrompt
          iconType="checkCircleFill"
          color="subdued"
          title={<h2 data-test-subj="dlqEmpty">The dead letter queue is empty</h2>}
          body={
            <p>
              Every signed log reached Elasticsearch{data.archivedFiles > 0 ? ` (${data.archivedFiles} archived file${data.archivedFiles === 1 ? '' : 's'} kept aside in archive_dlq folders)` : ''}. When a delivery fails, its signed logs land here with the Elasticsearch error; recover them from this page or with `signet dlq recover`.
            </p>
          }
          actions={<EuiButton iconType="refresh" onClick={() => void mutate()} data-test-subj="dlqRefresh">Refresh</EuiButton>}
        />
        {toastList}
      </>
    );
  }

  const selection: EuiTableSelectionType<DlqFileDto> = { onSelectionChange: setSelected, selected };
  const target = selected.length === 0 ? 'every signed file' : `${selected.length} selected file${selected.length === 1 ? '' : 's'}`;
  const onArchive = canOperate ? (f: DlqFileDto) => setArchiving(f) : null;
  return (
    <>
      {recoveryPanel}
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
        <EuiFlexItem grow={false}>
          <EuiStat title={String(data?.archivedFiles ?? '—')} description="Archived files" titleSize="s" isLoading={isLoading} />
        </EuiFlexItem>
        <EuiFlexItem />
        <EuiFlexItem grow={false}>
          <EuiButtonEmpty iconType="refresh" onClick={() => void mutate()} data-test-subj="dlqRefresh">
            Refresh
          </EuiButtonEmpty>
        </EuiFlexItem>
        {canOperate && (
          <EuiFlexItem grow={false}>
            <EuiButton fill iconType="refresh" onClick={() => setConfirming(true)} isDisabled={(data?.signed.length ?? 0) === 0 || running || starting} isLoading={running || starting} data-test-subj="dlqRecoverButton">
              {running ? 'Recovering…' : selected.length === 0 ? 'Recover all' : `Recover ${selected.length} selected`}
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
        columns={dlqFileColumns((file) => setOpen({ file, rejected: false }), onArchive)}
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
        <p>Logs that could not be signed, with the reason. Listed only: they are never signed retroactively or recovered. An operator may archive a file once it has been looked at.</p>
      </EuiText>
      <EuiSpacer size="s" />
      <EuiInMemoryTable<DlqFileDto>
        tableCaption="Rejected logs that could not be signed"
        items={[...(data?.rejected ?? [])]}
        itemId="relPath"
        columns={dlqFileColumns((file) => setOpen({ file, rejected: true }), onArchive)}
        loading={isLoading}
        search={{ box: { incremental: true, placeholder: 'Search rejected files…' } }}
        sorting={{ sort: { field: 'modified', direction: 'desc' } }}
        pagination={{ initialPageSize: 10, pageSizeOptions: [10, 20, 50] }}
        noItemsMessage={isLoading ? 'Loading…' : 'No rejected logs.'}
        responsiveBreakpoint={false}
        data-test-subj="dlqRejectedTable"
      />
      {open !== null && <DlqEntriesFlyout file={open.file} rejected={open.rejected} onClose={() => setOpen(null)} />}
      {confirming && <DlqRecoverModal target={target} starting={starting} onCancel={() => setConfirming(false)} onConfirm={() => void recover()} />}
      {archiving !== null && <DlqArchiveModal file={archiving} busy={archiveBusy} onCancel={() => setArchiving(null)} onConfirm={() => void archive(archiving)} />}
      {toastList}
    </>
  );
}

/** The dead letter queue: files waiting for recovery, the rejected area, and the recover action (operators). */
export function DlqPage() {
  return (
    <BrowserSectionPage
      title="Dead letter queue"
      testSubj="dlqPage"
      description="Signed logs Elasticsearch did not take, per file with the error of each entry, and logs that could not be signed. Recovery re-indexes the signed logs unchanged so each blockchain's gap closes; archiving sets a file aside in its archive_dlq folder."
    >
      <DlqTables />
    </BrowserSectionPage>
  );
}

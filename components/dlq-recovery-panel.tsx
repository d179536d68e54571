'use client';

import { EuiBasicTable, EuiCallOut, EuiPanel, EuiProgress, EuiSpacer, EuiText, type EuiBasicTableColumn } from '@elastic/eui';
import type { DlqRecoverFileDto, DlqRecoveryJobDto } from '@/lib/shared';

const ACTIONS: Record<DlqRecoverFileDto['action'], string> = {
  moved: 'recovered, moved to the recovered folder',
  rewritten: 'partly recovered; the rest stays',
  unchanged: 'nothing recovered; stays',
  changed: 'written to meanwhile; left as it was',
  skipped: 'skipped (not a signed data stream file)',
};

const fileColumns: EuiBasicTableColumn<DlqRecoverFileDto>[] = [
  { field: 'relPath', name: 'File', truncateText: true },
  { field: 'recovered', name: 'Recovered', dataType: 'number' },
  { field: 'alreadyStored', name: 'Already stored', dataType: 'number' },
  { field: 'failedCount', name: 'Failed', dataType: 'number' },
  { field: 'action', name: 'Outcome', render: (a: DlqRecoverFileDto['action']) => ACTIONS[a] },
];

/** The running recovery's live progress, or the last recovery's result summary. */
export function DlqRecoveryPanel({ job }: { job: DlqRecoveryJobDto }) {
  if (job.state === 'running') {
    const p = job.progress;
    return (
      <EuiPanel hasBorder paddingSize="m" data-test-subj="dlqRecoveryProgress">
        <EuiText size="s">
          <p>
            <strong>Recovering</strong> {job.files === null ? 'every signed file' : `${job.files.length} file${job.files.length === 1 ? '' : 's'}`} (started by {job.startedBy}): {p.entriesDone} of {p.entriesTotal} entries, file {Math.min(p.filesDone + 1, p.filesTotal)} of {p.filesTotal}
            {p.currentFile === null ? '' : ` — ${p.currentFile}`}
          </p>
        </EuiText>
        <EuiSpacer size="s" />
        <EuiProgress value={p.entriesDone} max={Math.max(p.entriesTotal, 1)} size="s" color="primary" />
      </EuiPanel>
    );
  }
  if (job.state === 'failed' || job.report === null) {
    return (
      <EuiCallOut title="The last recovery failed" color="danger" iconType="error" announceOnMount={false} data-test-subj="dlqRecoverySummary">
        <p>
          {job.error?.message ?? 'unknown error'} ({job.error?.code ?? 'ERR_INTERNAL'}); started by {job.startedBy} at {job.startedAt}.
        </p>
      </EuiCallOut>
    );
  }
  const r = job.report;
  const color = r.stoppedBy !== null ? 'danger' : r.complete ? 'success' : 'warning';
  return (
    <EuiCallOut
      title={`Last recovery (${job.finishedAt ?? job.startedAt}, by ${job.startedBy}): ${r.totals.recovered} recovered, ${r.totals.alreadyStored} already stored, ${r.totals.failed} failed, ${r.totals.remainingEntries} still waiting`}
      color={color}
      iconType={r.complete ? 'checkCircleFill' : 'warning'}
      announceOnMount={false}
      data-test-subj="dlqRecoverySummary"
    >
      {r.stoppedBy !== null && <p>Elasticsearch stopped answering: {r.stoppedBy}. Not attempted: {r.notAttempted.join(', ') || 'none'}.</p>}
      {r.files.length > 0 && <EuiBasicTable<DlqRecoverFileDto> tableCaption="What the last recovery did per file" items={[...r.files]} columns={fileColumns} compressed responsiveBreakpoint={false} />}
    </EuiCallOut>
  );
}

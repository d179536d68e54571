'use client';

import { EuiBasicTable, EuiButtonEmpty, EuiConfirmModal, EuiLink, EuiProgress, EuiText, type EuiBasicTableColumn } from '@elastic/eui';
import { useState } from 'react';
import type { VerificationRunDto } from '@/lib/shared';
import { formatCount, formatDuration, formatTime, RunStateBadge, StatusBadge } from './verification-status';

function Progress({ run }: { run: VerificationRunDto }) {
  const elapsed = (
    <EuiText size="xs" color="subdued">
      <span data-test-subj="verificationElapsed">{formatDuration(run.elapsedMs)}</span> elapsed
    </EuiText>
  );
  if (run.state !== 'running') {
    return (
      <div>
        <EuiText size="s">{formatCount(run.logsChecked)} logs checked</EuiText>
        {elapsed}
      </div>
    );
  }
  const phase = run.cancelRequested ? 'cancelling…' : run.phase === 'planning' ? 'planning…' : run.phase === 'saving' ? 'saving the report…' : null;
  const total = run.logsTotal;
  return (
    <div style={{ width: '100%' }} data-test-subj="verificationProgress">
      {total !== null && total > 0 ? <EuiProgress value={Math.min(run.logsChecked, total)} max={total} size="s" color="primary" /> : <EuiProgress size="s" color="primary" />}
      <EuiText size="xs">
        <span data-test-subj="verificationProgressText">
          {formatCount(run.logsChecked)}
          {total !== null ? ` / ${formatCount(total)}` : ''} logs checked{phase !== null ? ` · ${phase}` : ''}
        </span>
      </EuiText>
      {elapsed}
    </div>
  );
}

function Result({ run }: { run: VerificationRunDto }) {
  if (run.state === 'succeeded' && run.reportId !== null && run.status !== null) {
    return (
      <span>
        <StatusBadge status={run.status} /> {run.errors} errors, {run.warnings} warnings ·{' '}
        <EuiLink href={`/verification/${run.reportId}`} data-test-subj="verificationRunReportLink">
          View report
        </EuiLink>
        {run.problem !== null && <EuiText size="xs" color="warning">{run.problem.message}</EuiText>}
      </span>
    );
  }
  if (run.problem !== null && run.state !== 'running') {
    return (
      <EuiText size="s" color={run.state === 'cancelled' ? 'subdued' : 'danger'} data-test-subj="verificationRunProblem">
        {run.state === 'cancelled' ? 'Cancelled: nothing was saved.' : run.problem.message}
      </EuiText>
    );
  }
  return <>—</>;
}

/** The runs of this Signet: live progress, elapsed time, and Cancel for auditors. */
export function VerificationRunsTable({ runs, canCancel, onCancel }: { runs: readonly VerificationRunDto[]; canCancel: boolean; onCancel: (run: VerificationRunDto) => Promise<void> }) {
  const [confirm, setConfirm] = useState<VerificationRunDto | null>(null);
  const [busy, setBusy] = useState(false);
  const columns: EuiBasicTableColumn<VerificationRunDto>[] = [
    {
      field: 'chain',
      name: 'Blockchain',
      render: (chain: string, r: VerificationRunDto) => (
        <div style={{ wordBreak: 'break-all' }}>
          <EuiText size="s">{chain}</EuiText>
          <EuiText size="xs" color="subdued">
            {r.mode === 'full' ? 'full' : 'incremental'} verification
          </EuiText>
        </div>
      ),
    },
    { field: 'state', name: 'State', width: '100px', render: (_: unknown, r: VerificationRunDto) => <RunStateBadge state={r.state} /> },
    { name: 'Progress', width: '14em', render: (r: VerificationRunDto) => <Progress run={r} /> },
    {
      field: 'startedAt',
      name: 'Started',
      width: '12em',
      render: (t: string, r: VerificationRunDto) => (
        <div>
          <EuiText size="s">{formatTime(t)}</EuiText>
          <EuiText size="xs" color="subdued">
            by {r.startedBy}
          </EuiText>
        </div>
      ),
    },
    { name: 'Result', width: '15em', render: (r: VerificationRunDto) => <Result run={r} /> },
  ];
  if (canCancel) {
    columns.push({
      name: 'Actions',
      width: '90px',
      render: (r: VerificationRunDto) =>
        r.state === 'running' ? (
          <EuiButtonEmpty size="xs" color="danger" iconType="stop" isDisabled={r.cancelRequested} onClick={() => setConfirm(r)} data-test-subj="verificationCancelButton">
            Cancel
          </EuiButtonEmpty>
        ) : null,
    });
  }
  return (
    <>
      <EuiBasicTable<VerificationRunDto>
        tableCaption="Verification runs in this Signet, running first"
        items={[...runs]}
        itemId="id"
        columns={columns}
        responsiveBreakpoint={false}
        noItemsMessage="No verification has run since Signet started. Runs started here appear with their progress; the report history below keeps every finished run."
        data-test-subj="verificationRunsTable"
      />
      {confirm !== null && (
        <EuiConfirmModal
          title={`Cancel the verification of ${confirm.chain}?`}
          aria-labelledby="verificationCancelTitle"
          titleProps={{ id: 'verificationCancelTitle' }}
          onCancel={() => setConfirm(null)}
          onConfirm={async () => {
            setBusy(true);
            try {
              await onCancel(confirm);
            } finally {
              setBusy(false);
              setConfirm(null);
            }
          }}
          cancelButtonText="Keep running"
          confirmButtonText="Cancel verification"
          buttonColor="danger"
          isLoading={busy}
          data-test-subj="verificationCancelModal"
        >
          <p>The run stops after the page it is checking. No report is saved and the chain's state history is left as it was; the key is wiped.</p>
        </EuiConfirmModal>
      )}
    </>
  );
}

'use client';

import { EuiCallOut, EuiGlobalToastList, EuiPanel, EuiSpacer, EuiText, EuiTitle } from '@elastic/eui';
import { useEffect, useRef, useState } from 'react';
import { cancelVerification, useVerificationOverview } from '@/lib/client';
import type { VerificationRunDto } from '@/lib/shared';
import { useConsoleChrome } from './console-chrome';
import { BrowserSectionPage } from './browser-section-page';
import { VerificationHistory } from './verification-history';
import { VerificationRunsTable } from './verification-runs-table';
import { VerificationStartForm } from './verification-start-form';
import { usePageLoaded } from './page-loaded';

interface Toast {
  id: string;
  title: string;
  color: 'success' | 'warning' | 'danger' | 'primary';
  text?: string;
  'data-test-subj'?: string;
}

function finishedToast(run: VerificationRunDto): Toast {
  const id = `verification-${run.id}`;
  if (run.state === 'succeeded') {
    const color = run.status === 'critical' ? 'danger' : run.status === 'warning' ? 'warning' : 'success';
    return { id, color, title: `Verification of ${run.chain} finished: ${run.status === 'ok' ? 'OK' : (run.status ?? '')}`, text: `${run.errors} errors, ${run.warnings} warnings, ${run.logsChecked.toLocaleString('en-US')} logs checked.`, 'data-test-subj': 'verificationToastFinished' };
  }
  if (run.state === 'cancelled') return { id, color: 'warning', title: `Verification of ${run.chain} cancelled`, text: 'Nothing was saved.', 'data-test-subj': 'verificationToastCancelled' };
  return { id, color: 'danger', title: `Verification of ${run.chain} failed`, text: run.problem?.message ?? '', 'data-test-subj': 'verificationToastFailed' };
}

function VerificationContent({ initialChain }: { initialChain: string | null }) {
  const { data, error, mutate } = useVerificationOverview();
  usePageLoaded(data !== undefined);
  const canAudit = useConsoleChrome()?.user.permissions.includes('audit') === true;
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [finished, setFinished] = useState(0);
  const running = useRef<Set<string>>(new Set());
  const addToast = (t: Toast) => setToasts((l) => [...l.filter((x) => x.id !== t.id), t]);

  // A run this page saw running has ended: say how, and refresh the history.
  useEffect(() => {
    if (data === undefined) return;
    for (const run of data.runs) {
      if (run.state === 'running') running.current.add(run.id);
      else if (running.current.delete(run.id)) {
        setToasts((l) => [...l.filter((x) => x.id !== `verification-${run.id}`), finishedToast(run)]);
        setFinished((n) => n + 1);
      }
    }
  }, [data]);

  const cancel = async (run: VerificationRunDto) => {
    try {
      await cancelVerification(run.id);
    } catch (err) {
      addToast({ id: `cancel-${run.id}`, color: 'danger', title: 'The run could not be cancelled', text: (err as Error).message });
    }
    await mutate();
  };

  return (
    <>
      {error && (
        <>
          <EuiCallOut title="Verification runs could not be loaded" color="danger" iconType="error" announceOnMount={false} data-test-subj="verificationError">
            <p>{error.message}</p>
          </EuiCallOut>
          <EuiSpacer size="m" />
        </>
      )}
      {canAudit ? (
        <EuiPanel hasBorder paddingSize="l" data-test-subj="verificationStartPanel">
          <EuiTitle size="xs">
            <h3>Start a verification</h3>
          </EuiTitle>
          <EuiSpacer size="m" />
          <VerificationStartForm
            chains={data?.chains ?? []}
            initialChain={initialChain}
            onStarted={(run) => {
              running.current.add(run.id);
              addToast({ id: `started-${run.id}`, color: 'primary', title: `Verification of ${run.chain} started`, text: `${run.mode === 'full' ? 'Full' : 'Incremental'} run; progress below.`, 'data-test-subj': 'verificationToastStarted' });
              void mutate();
            }}
          />
        </EuiPanel>
      ) : (
        <EuiCallOut title="Read-only" iconType="lock" announceOnMount={false} data-test-subj="verificationReadOnly">
          <p>Starting and cancelling verifications needs the auditor role. You can follow runs and read every report.</p>
        </EuiCallOut>
      )}
      <EuiSpacer size="xl" />
      <EuiTitle size="xs">
        <h3>Runs in this Signet</h3>
      </EuiTitle>
      <EuiSpacer size="s" />
      <VerificationRunsTable runs={data?.runs ?? []} canCancel={canAudit} onCancel={cancel} />
      <EuiSpacer size="xl" />
      <EuiTitle size="xs">
        <h3>Report history</h3>
      </EuiTitle>
      <EuiText size="s" color="subdued">
        <p>Every saved report, from this console and from `signet verify`, newest first.</p>
      </EuiText>
      <EuiSpacer size="s" />
      <VerificationHistory chains={(data?.chains ?? []).map((c) => c.name)} initialChain={initialChain} version={finished} />
      <EuiGlobalToastList toasts={toasts} dismissToast={(t) => setToasts((l) => l.filter((x) => x.id !== t.id))} toastLifeTimeMs={10_000} />
    </>
  );
}

/** Verification (SPEC §8, §11): start and follow runs (auditors), the report history (everyone). */
export function VerificationPage({ initialChain = null }: { initialChain?: string | null }) {
  return (
    <BrowserSectionPage
      title="Verification"
      testSubj="verificationPage"
      description="Verify a blockchain with its iteration-0 key: every log's signature, the links between logs, missing and duplicate iterations, and the acknowledgements. Reports are saved as `signet verify` saves them."
    >
      <VerificationContent initialChain={initialChain} />
    </BrowserSectionPage>
  );
}

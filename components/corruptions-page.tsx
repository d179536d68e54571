'use client';

import {
  EuiBadge,
  EuiButton,
  EuiButtonEmpty,
  EuiCallOut,
  EuiCode,
  EuiDescriptionList,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFlyout,
  EuiFlyoutBody,
  EuiFlyoutFooter,
  EuiFlyoutHeader,
  EuiGlobalToastList,
  EuiInMemoryTable,
  EuiPageTemplate,
  EuiSpacer,
  EuiStat,
  EuiText,
  EuiTitle,
  type EuiBasicTableColumn,
  type EuiSearchBarProps,
} from '@elastic/eui';
import { useState } from 'react';
import { useCorruptions } from '@/lib/client';
import type { CorruptionDto } from '@/lib/shared';
import { AcknowledgeFlyout, type AcknowledgeOutcome, type AcknowledgeTarget } from './acknowledge-flyout';
import { useConsoleChrome } from './console-chrome';
import { BrowserSectionPage } from './browser-section-page';
import { usePageLoaded } from './page-loaded';

interface Toast {
  id: string;
  title: string;
  color: 'success' | 'warning' | 'danger';
  text?: string;
  'data-test-subj'?: string;
}

/** A table row: the DTO plus flat text columns the in-memory search can match. */
interface Row extends CorruptionDto {
  readonly iterations: string;
  readonly codeText: string;
  readonly acknowledgedBy: string;
  readonly reported: string;
}

const time = (iso: string | null | undefined) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC') : '—');

function toRow(c: CorruptionDto): Row {
  const iterations = c.fromIteration === null ? '—' : c.fromIteration === c.toIteration ? String(c.fromIteration) : `${c.fromIteration}–${c.toIteration}`;
  return { ...c, iterations, codeText: c.code ?? 'not in the latest report', acknowledgedBy: c.acknowledgement?.by ?? '', reported: c.reportedAt ?? '' };
}

function StatusBadge({ c }: { c: CorruptionDto }) {
  if (c.status === 'open') return <EuiBadge color="danger" data-test-subj="corruptionStatusOpen">Open</EuiBadge>;
  const a = c.acknowledgement;
  return (
    <span>
      <EuiBadge color={a?.verified ? 'success' : 'warning'} data-test-subj="corruptionStatusAcknowledged">
        {a?.verified ? 'Acknowledged' : 'Acknowledged, not yet verified'}
      </EuiBadge>
      {a && (
        <EuiText size="xs" color="subdued">
          by {a.by} at {time(a.at)}
        </EuiText>
      )}
    </span>
  );
}

function columns(onOpen: (c: Row) => void, onAcknowledge: ((c: Row) => void) | null): EuiBasicTableColumn<Row>[] {
  const cols: EuiBasicTableColumn<Row>[] = [
    { field: 'chain', name: 'Chain', sortable: true, width: '24%', render: (ch: string) => <span style={{ wordBreak: 'break-all' }}>{ch}</span> },
    {
      field: 'corruptionId',
      name: 'CorruptionId',
      truncateText: true,
      render: (id: string | null, c: Row) => (
        <EuiButtonEmpty size="xs" flush="left" onClick={() => onOpen(c)} data-test-subj="corruptionLink" aria-label={`Details of the corruption of ${c.chain} at ${c.iterations}`}>
          {id === null ? '(none)' : `${id.slice(0, 24)}…`}
        </EuiButtonEmpty>
      ),
    },
    { field: 'codeText', name: 'Error code', sortable: true, render: (t: string, c: Row) => (c.code === null ? <EuiText size="xs" color="subdued">{t}</EuiText> : t) },
    { field: 'fromIteration', name: 'Iteration(s)', sortable: true, dataType: 'number', render: (_: number | null, c: Row) => <span data-test-subj="corruptionIterations">{c.iterations}</span> },
    { field: 'reported', name: <span title="When the verification that reports it finished">Reported</span>, sortable: true, render: (t: string) => time(t) },
    { field: 'status', name: 'Status', sortable: true, render: (_: string, c: Row) => <StatusBadge c={c} /> },
  ];
  if (onAcknowledge !== null) {
    cols.push({
      name: 'Actions',
      width: '130px',
      render: (c: Row) =>
        c.acknowledgeable ? (
          <EuiButton size="s" color="warning" onClick={() => onAcknowledge(c)} data-test-subj="acknowledgeButton">
            Acknowledge
          </EuiButton>
        ) : null,
    });
  }
  return cols;
}

function DetailsFlyout({ c, onClose, onAcknowledge }: { c: Row; onClose: () => void; onAcknowledge: (() => void) | null }) {
  const a = c.acknowledgement;
  const items = [
    { title: 'Chain', description: c.chain },
    { title: 'Status', description: <StatusBadge c={c} /> },
    { title: 'Error code', description: c.code ?? 'Not in the chain’s latest report' },
    { title: 'Iteration(s)', description: c.iterations },
    { title: 'CorruptionId', description: c.corruptionId === null ? 'none (El Proxy gives this error none; it cannot be acknowledged)' : <EuiCode style={{ wordBreak: 'break-all' }}>{c.corruptionId}</EuiCode> },
    ...Object.entries(c.facts).map(([title, v]) => ({ title, description: v.length > 40 ? <EuiCode style={{ wordBreak: 'break-all' }}>{v}</EuiCode> : v })),
    { title: 'Reported by', description: c.reportId ?? '—' },
    { title: 'Reported at', description: time(c.reportedAt) },
    ...(a
      ? [
          { title: 'Acknowledged by', description: a.by },
          { title: 'Acknowledged at', description: time(a.at) },
          { title: 'Description', description: a.description },
          { title: 'Reason', description: a.reason },
          { title: 'Acknowledgement document', description: <EuiCode>{a.documentId}</EuiCode> },
          { title: 'Checked by a verification', description: a.verified ? 'yes: the latest verification found it valid' : 'not yet: run a verification of the chain to check it' },
        ]
      : []),
  ];
  return (
    <EuiFlyout onClose={onClose} size="m" ownFocus aria-labelledby="corruptionFlyoutTitle" data-test-subj="corruptionFlyout">
      <EuiFlyoutHeader hasBorder>
        <EuiTitle size="s">
          <h2 id="corruptionFlyoutTitle">
            {c.chain}, iteration{c.fromIteration === c.toIteration ? '' : 's'} {c.iterations}
          </h2>
        </EuiTitle>
      </EuiFlyoutHeader>
      <EuiFlyoutBody>
        {c.code?.startsWith('Acknowledgement Verification') && (
          <>
            <EuiCallOut title="An acknowledgement of this corruption is not valid" color="danger" iconType="error" announceOnMount={false}>
              <p>The stored acknowledgement was edited, forged or placed on another range. Delete that document from the acknowledgement index, then acknowledge the corruption again and re-verify.</p>
            </EuiCallOut>
            <EuiSpacer size="m" />
          </>
        )}
        <EuiDescriptionList type="column" compressed listItems={items} data-test-subj="corruptionDetails" />
      </EuiFlyoutBody>
      {onAcknowledge !== null && (
        <EuiFlyoutFooter>
          <EuiButton color="warning" fill onClick={onAcknowledge} data-test-subj="flyoutAcknowledgeButton">
            Acknowledge…
          </EuiButton>
        </EuiFlyoutFooter>
      )}
    </EuiFlyout>
  );
}

function summarize(o: AcknowledgeOutcome): Toast {
  const id = `ack-${Date.now()}`;
  if (o.kind === 'one') {
    const r = o.result;
    const at = r.fromIteration === r.toIteration ? `iteration ${r.fromIteration}` : `iterations ${r.fromIteration} to ${r.toIteration}`;
    return { id, title: 'Corruption acknowledged', color: 'success', text: `The corruption of ${at} of ${r.chain} is acknowledged as ${r.acknowledgedBy}. The next verification reports it as acknowledged.`, 'data-test-subj': 'ackToastSuccess' };
  }
  const r = o.result;
  const text = `${r.corruptions} corruption(s) found in ${r.chain}: ${r.acknowledged.length} acknowledged, ${r.alreadyAcknowledged.length} already acknowledged, ${r.failed.length} failed.`;
  if (r.failed.length > 0) return { id, title: 'Some acknowledgements could not be written', color: 'danger', text: `${text} ${r.failed.map((f) => f.reason).join('; ')}`, 'data-test-subj': 'ackToastPartial' };
  return { id, title: r.corruptions === 0 ? 'No corruption in this range' : 'Range acknowledged', color: r.corruptions === 0 ? 'warning' : 'success', text, 'data-test-subj': 'ackToastSuccess' };
}

function CorruptionsTables() {
  const { data, error, isLoading, mutate } = useCorruptions();
  usePageLoaded(data !== undefined);
  const canAudit = useConsoleChrome()?.user.permissions.includes('audit') === true;
  const [open, setOpen] = useState<Row | null>(null);
  const [ack, setAck] = useState<AcknowledgeTarget | null>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const toastList = <EuiGlobalToastList toasts={toasts} dismissToast={(t) => setToasts((l) => l.filter((x) => x.id !== t.id))} toastLifeTimeMs={10_000} />;
  const chains = (data?.chains ?? []).map((c) => c.chain);

  const done = async (o: AcknowledgeOutcome) => {
    setAck(null);
    setOpen(null);
    setToasts((l) => [...l, summarize(o)]);
    await mutate();
  };
  const flyouts = (
    <>
      {open !== null && <DetailsFlyout c={open} onClose={() => setOpen(null)} onAcknowledge={canAudit && open.acknowledgeable ? () => setAck({ kind: 'one', corruption: open }) : null} />}
      {ack !== null && <AcknowledgeFlyout target={ack} onClose={() => setAck(null)} onDone={(o) => void done(o)} />}
      {toastList}
    </>
  );

  if (error) {
    return (
      <>
        <EuiCallOut title="The corruptions could not be loaded" color="danger" iconType="error" announceOnMount={false} data-test-subj="corruptionsError">
          <p>{error.message}</p>
        </EuiCallOut>
        {toastList}
      </>
    );
  }
  if (data !== undefined && data.chains.length === 0 && data.corruptions.length === 0) {
    return (
      <>
        <EuiPageTemplate.EmptyPrompt
          iconType="checkCircle"
          color="subdued"
          title={<h2 data-test-subj="corruptionsEmpty">No verification report yet</h2>}
          body={<p>Corruptions come from verification reports. Verify a chain on the Verification page or with `signet verify`; what it finds is listed here to acknowledge.</p>}
          actions={<EuiButton iconType="refresh" onClick={() => void mutate()}>Refresh</EuiButton>}
        />
        {flyouts}
      </>
    );
  }

  const items = (data?.corruptions ?? []).map(toRow);
  const truncated = (data?.chains ?? []).filter((c) => c.truncated);
  const search: EuiSearchBarProps = {
    box: { incremental: true, placeholder: 'Search chain, CorruptionId, error code, who acknowledged…', 'data-test-subj': 'corruptionsSearch' },
    filters: [
      { type: 'field_value_selection', field: 'status', name: 'Status', multiSelect: false, options: [{ value: 'open', name: 'Open' }, { value: 'acknowledged', name: 'Acknowledged' }] },
      { type: 'field_value_selection', field: 'chain', name: 'Chain', multiSelect: 'or', options: chains.map((c) => ({ value: c, name: c })) },
    ],
  };
  return (
    <>
      <EuiFlexGroup gutterSize="l" responsive={false} alignItems="center">
        <EuiFlexItem grow={false}>
          <EuiStat title={String(data?.totals.open ?? '—')} description="Open" titleColor={(data?.totals.open ?? 0) > 0 ? 'danger' : 'default'} titleSize="s" isLoading={isLoading} data-test-subj="corruptionsStatOpen" />
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiStat title={String(data?.totals.acknowledged ?? '—')} description="Acknowledged" titleSize="s" isLoading={isLoading} data-test-subj="corruptionsStatAcknowledged" />
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiStat title={String(data?.totals.chains ?? '—')} description="Chains with a report" titleSize="s" isLoading={isLoading} />
        </EuiFlexItem>
        <EuiFlexItem />
        {canAudit && (
          <EuiFlexItem grow={false}>
            <EuiButton iconType="calendar" onClick={() => setAck({ kind: 'range', chains })} isDisabled={chains.length === 0} data-test-subj="acknowledgeRangeButton">
              Acknowledge a time range…
            </EuiButton>
          </EuiFlexItem>
        )}
      </EuiFlexGroup>
      <EuiSpacer size="l" />
      {truncated.length > 0 && (
        <>
          <EuiCallOut title="Some reports list more errors than shown" color="warning" iconType="warning" announceOnMount={false}>
            <p>
              The reports index keeps at most 1,000 errors per report; the report files in verification_reports_dir keep them all. Affected: {truncated.map((t) => `${t.chain} (${t.errorsTotal} errors)`).join(', ')}.
            </p>
          </EuiCallOut>
          <EuiSpacer size="m" />
        </>
      )}
      <EuiInMemoryTable<Row>
        tableCaption="Open and acknowledged corruptions"
        items={items}
        itemId="id"
        columns={columns(setOpen, canAudit ? (c) => setAck({ kind: 'one', corruption: c }) : null)}
        loading={isLoading}
        search={search}
        sorting={{ sort: { field: 'status', direction: 'desc' } }}
        pagination={{ initialPageSize: 20, pageSizeOptions: [10, 20, 50, 100] }}
        noItemsMessage={isLoading ? 'Loading…' : 'No corruptions: the latest verification of every chain is clean.'}
        responsiveBreakpoint={false}
        rowProps={(c) => ({ 'data-test-subj': `corruptionRow-${c.status}` })}
        data-test-subj="corruptionsTable"
      />
      <EuiSpacer size="s" />
      <EuiText size="xs" color="subdued">
        <p>From the latest verification report of each chain and the acknowledgement indices. An acknowledgement is “not yet verified” until the next verification of its chain checks its signature.</p>
      </EuiText>
      {flyouts}
    </>
  );
}

/** The Corruptions page: open and acknowledged corruptions; acknowledge one or a time range (auditors). */
export function CorruptionsPage() {
  return (
    <BrowserSectionPage
      title="Corruptions"
      testSubj="corruptionsPage"
      description="What verifications found: missing, modified or misplaced logs, each with its CorruptionId. Recover lost logs from the dead letter queue when you can; otherwise acknowledge the corruption with a description and a reason, signed with the chain's iteration-0 key."
    >
      <CorruptionsTables />
    </BrowserSectionPage>
  );
}

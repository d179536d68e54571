'use client';

import {
  EuiBadge,
  EuiBasicTable,
  EuiCallOut,
  EuiFieldText,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFormRow,
  EuiPageTemplate,
  EuiSelect,
  EuiSpacer,
  type EuiBasicTableColumn,
  type Criteria,
} from '@elastic/eui';
import { useState } from 'react';
import { useAuditLog, type AuditFilters } from '@/lib/client';
import { AUDIT_ACTION_NAMES, AUDIT_OUTCOMES, type AuditRecordDto } from '@/lib/shared';
import { ClientOnly } from './client-only';
import { ConsolePage } from './console-page';
import { usePageLoaded } from './page-loaded';

const OUTCOME_COLOR: Record<string, string> = { success: 'success', failure: 'danger', denied: 'warning' };

const COLUMNS: EuiBasicTableColumn<AuditRecordDto>[] = [
  { field: '@timestamp', name: 'Time', width: '200px', render: (t: string) => <span data-test-subj="auditTime">{t.replace('T', ' ').replace('Z', ' UTC')}</span> },
  { field: 'user', name: 'User', render: (u: AuditRecordDto['user']) => <span data-test-subj="auditUser">{u.name}</span> },
  { field: 'user', name: 'Roles', render: (u: AuditRecordDto['user']) => (u.roles.length === 0 ? '—' : u.roles.join(', ')) },
  { field: 'action', name: 'Action', render: (a: string) => <span data-test-subj="auditAction">{a}</span> },
  { field: 'target', name: 'Target', truncateText: true },
  { field: 'outcome', name: 'Outcome', render: (o: string) => <EuiBadge color={OUTCOME_COLOR[o] ?? 'hollow'}>{o}</EuiBadge> },
  {
    field: 'details',
    name: 'Details',
    truncateText: true,
    render: (d: AuditRecordDto['details']) => (d === undefined ? '' : Object.entries(d).map(([k, v]) => `${k}=${String(v)}`).join(' ')),
  },
];

/** `datetime-local` value (browser local time) → ISO, or undefined when empty/invalid. */
function toIso(local: string): string | undefined {
  if (local === '') return undefined;
  const t = Date.parse(local);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function AuditTable({ filters }: { filters: AuditFilters }) {
  const [page, setPage] = useState(0);
  const [size, setSize] = useState(20);
  const { data, error, isLoading } = useAuditLog(filters, page, size);
  usePageLoaded(data !== undefined);
  return (
    <>
      {error && (
        <>
          <EuiCallOut title="The audit log could not be loaded" color="danger" iconType="error" announceOnMount={false} data-test-subj="auditError">
            <p>{error.message}</p>
          </EuiCallOut>
          <EuiSpacer size="m" />
        </>
      )}
      <EuiBasicTable<AuditRecordDto>
        tableCaption="Audit log, newest first"
        items={[...(data?.records ?? [])]}
        itemId="id"
        columns={COLUMNS}
        loading={isLoading}
        noItemsMessage={isLoading ? 'Loading…' : 'No audit records match these filters.'}
        // Desktop layout on the server and in the browser alike (hydration; stack-notes).
        responsiveBreakpoint={false}
        pagination={{ pageIndex: page, pageSize: size, totalItemCount: Math.min(data?.total ?? 0, 10_000), pageSizeOptions: [10, 20, 50, 100] }}
        onChange={({ page: p }: Criteria<AuditRecordDto>) => {
          if (p === undefined) return;
          setPage(p.index);
          setSize(p.size);
        }}
        data-test-subj="auditTable"
      />
    </>
  );
}

/** The audit log: filters over a paged table. Read-only: there is no edit or delete anywhere. */
export function AuditLogPage() {
  const [user, setUser] = useState('');
  const [action, setAction] = useState('');
  const [outcome, setOutcome] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filters: AuditFilters = { user: user.trim(), action, outcome, from: toIso(from), to: toIso(to) };
  // Changing a filter starts again at the first page: the table is keyed by the filters.
  const key = JSON.stringify(filters);
  return (
    <ConsolePage breadcrumbs={[{ text: 'Signet', href: '/' }, { text: 'Audit log' }]} data-test-subj="auditLogPage">
      <EuiPageTemplate.Header
        pageTitle="Audit log"
        pageTitleProps={{ 'data-test-subj': 'pageTitle' }}
        description="Every console action that changes something, every login and every verification run: who, with which roles, when, what, on what, and how it ended. Records cannot be edited or deleted."
        bottomBorder
      />
      <EuiPageTemplate.Section>
        <EuiFlexGroup gutterSize="m" wrap responsive={false} data-test-subj="auditFilters">
          <EuiFlexItem grow={false} style={{ minWidth: 180 }}>
            <EuiFormRow label="User">
              <EuiFieldText value={user} onChange={(e) => setUser(e.target.value)} placeholder="any" maxLength={256} data-test-subj="auditFilterUser" />
            </EuiFormRow>
          </EuiFlexItem>
          <EuiFlexItem grow={false} style={{ minWidth: 180 }}>
            <EuiFormRow label="Action">
              <EuiSelect value={action} onChange={(e) => setAction(e.target.value)} options={[{ value: '', text: 'any' }, ...AUDIT_ACTION_NAMES.map((a) => ({ value: a, text: a }))]} data-test-subj="auditFilterAction" />
            </EuiFormRow>
          </EuiFlexItem>
          <EuiFlexItem grow={false} style={{ minWidth: 140 }}>
            <EuiFormRow label="Outcome">
              <EuiSelect value={outcome} onChange={(e) => setOutcome(e.target.value)} options={[{ value: '', text: 'any' }, ...AUDIT_OUTCOMES.map((o) => ({ value: o, text: o }))]} data-test-subj="auditFilterOutcome" />
            </EuiFormRow>
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <EuiFormRow label="From (local time)">
              <EuiFieldText type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} data-test-subj="auditFilterFrom" />
            </EuiFormRow>
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <EuiFormRow label="To (local time)">
              <EuiFieldText type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} data-test-subj="auditFilterTo" />
            </EuiFormRow>
          </EuiFlexItem>
        </EuiFlexGroup>
        <EuiSpacer size="l" />
        {/* The table makes random ids while rendering: browser only (stack-notes). */}
        <ClientOnly>
          <AuditTable key={key} filters={filters} />
        </ClientOnly>
      </EuiPageTemplate.Section>
    </ConsolePage>
  );
}

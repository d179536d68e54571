'use client';

import {
  EuiBadge,
  EuiBasicTable,
  EuiButton,
  EuiCallOut,
  EuiCode,
  EuiGlobalToastList,
  EuiLoadingSpinner,
  EuiPanel,
  EuiSpacer,
  EuiText,
  EuiTitle,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import { useState } from 'react';
import { saveSignedFields, useConfiguration, type ConsoleApiError } from '@/lib/client';
import type { ConfigurationDto, RetentionPolicyDto } from '@/lib/shared';
import { useConsoleChrome } from './console-chrome';
import { BrowserSectionPage } from './browser-section-page';
import { IncludeFieldsEditor } from './include-fields-editor';
import { usePageLoaded } from './page-loaded';

interface Toast {
  id: string;
  title: string;
  color: 'success' | 'danger';
  text?: string;
  'data-test-subj'?: string;
}

const retentionColumns: EuiBasicTableColumn<RetentionPolicyDto>[] = [
  { field: 'name', name: 'Retention', render: (n: string, p: RetentionPolicyDto) => (<span data-test-subj="retentionName">{n}{p.isDefault && <> <EuiBadge color="hollow">default</EuiBadge></>}</span>) },
  { field: 'days', name: 'Deleted after', render: (d: number | null) => <span data-test-subj="retentionDays">{d === null ? 'never' : `${d} days`}</span> },
];

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((f, i) => f === b[i]);

function SignedFields({ data, canOperate, onSaved, onError }: { data: ConfigurationDto; canOperate: boolean; onSaved: (n: number) => Promise<void>; onError: (e: ConsoleApiError | Error) => void }) {
  const f = data.fields;
  const base = f.current ?? f.inForce;
  return (
    <EuiPanel hasBorder paddingSize="l">
      <EuiTitle size="s">
        <h2>Signed fields</h2>
      </EuiTitle>
      <EuiText size="s" color="subdued">
        <p>
          The fields of each log covered by its signature (El Proxy&apos;s <EuiCode>include_fields</EuiCode>), copied into <EuiCode>ES_BLOCKCHAIN.fields</EuiCode>. A dot addresses a nested field: <EuiCode>host.name</EuiCode> is <EuiCode>name</EuiCode> inside <EuiCode>host</EuiCode>. Fields not listed can be changed later without verification noticing.
        </p>
        <p data-test-subj="fieldsFile">
          File: <EuiCode>{f.file}</EuiCode> {f.exists ? '' : '(not present: the default list applies — the file in the static configuration directory if there is one, else the built-in list; saving creates it)'}
        </p>
      </EuiText>
      <EuiSpacer size="m" />
      {f.problems.length > 0 && (
        <>
          <EuiCallOut title="The file on disk would not load at the next start" color="danger" iconType="error" announceOnMount={false} data-test-subj="fieldsFileProblems">
            <ul>
              {f.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
            <p>The editor starts from the list in force; saving replaces the file&apos;s list.</p>
          </EuiCallOut>
          <EuiSpacer size="m" />
        </>
      )}
      {f.current !== null && !sameList(f.current, f.inForce) && (
        <>
          <EuiCallOut title="The file differs from the list in force" color="warning" iconType="warning" announceOnMount={false} data-test-subj="fieldsNotInForce">
            <p>The file was changed outside the console. New logs are signed with the list in force ({f.inForce.length} fields) until the file is saved from here or Signet restarts.</p>
          </EuiCallOut>
          <EuiSpacer size="m" />
        </>
      )}
      {canOperate ? (
        <IncludeFieldsEditor
          key={f.version}
          base={base}
          onSave={async (list) => {
            try {
              await saveSignedFields(list, f.version);
              await onSaved(list.length);
            } catch (err) {
              onError(err as Error);
            }
          }}
        />
      ) : (
        <ol data-test-subj="fieldsReadOnly">
          {base.map((field) => (
            <li key={field}>
              <EuiCode>{field}</EuiCode>
            </li>
          ))}
        </ol>
      )}
    </EuiPanel>
  );
}

function ConfigurationSections() {
  const { data, error, isLoading, mutate } = useConfiguration();
  usePageLoaded(data !== undefined);
  const canOperate = useConsoleChrome()?.user.permissions.includes('operate') === true;
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [stale, setStale] = useState<string | null>(null);
  const addToast = (t: Toast) => setToasts((l) => [...l, t]);
  const toastList = <EuiGlobalToastList toasts={toasts} dismissToast={(t) => setToasts((l) => l.filter((x) => x.id !== t.id))} toastLifeTimeMs={10_000} />;

  if (error) {
    return (
      <EuiCallOut title="The configuration could not be loaded" color="danger" iconType="error" announceOnMount={false} data-test-subj="configurationError">
        <p>{error.message}</p>
      </EuiCallOut>
    );
  }
  if (isLoading || data === undefined) return <EuiLoadingSpinner size="l" />;
  return (
    <>
      {stale !== null && (
        <>
          <EuiCallOut title="Not saved: the file changed on disk" color="danger" iconType="error" announceOnMount={false} data-test-subj="fieldsConflict">
            <p>{stale}</p>
            <EuiButton
              size="s"
              color="danger"
              onClick={() => {
                setStale(null);
                void mutate();
              }}
              data-test-subj="fieldsReload"
            >
              Load the current file
            </EuiButton>
          </EuiCallOut>
          <EuiSpacer size="m" />
        </>
      )}
      <SignedFields
        data={data}
        canOperate={canOperate}
        onSaved={async (n) => {
          setStale(null);
          addToast({ id: `cfg-${Date.now()}`, title: 'Signed fields saved', color: 'success', text: `New logs are signed with these ${n} fields from now on.`, 'data-test-subj': 'fieldsToastSaved' });
          await mutate();
        }}
        onError={(err) => {
          if ((err as ConsoleApiError).status === 409) setStale(err.message);
          addToast({ id: `cfg-${Date.now()}`, title: 'The signed fields were not saved', color: 'danger', text: err.message, 'data-test-subj': 'fieldsToastError' });
        }}
      />
      <EuiSpacer size="l" />
      <EuiPanel hasBorder paddingSize="l">
        <EuiTitle size="s">
          <h2>Retention policies</h2>
        </EuiTitle>
        <EuiText size="s" color="subdued">
          <p>
            From <EuiCode>retention_policies.toml</EuiCode> (and <EuiCode>retention_policies.d/</EuiCode>), loaded at start-up; read-only here. A log names its retention in <EuiCode>EBP_METADATA.retention</EuiCode>; the default applies to a log that names none.
          </p>
        </EuiText>
        <EuiSpacer size="s" />
        <EuiBasicTable<RetentionPolicyDto> tableCaption="Retention policies" items={[...data.retention.policies]} columns={retentionColumns} responsiveBreakpoint={false} data-test-subj="retentionTable" />
      </EuiPanel>
      {toastList}
    </>
  );
}

/** The Configuration page: the signed fields (edited by operators) and the retention policies. */
export function ConfigurationPage() {
  return (
    <BrowserSectionPage
      title="Configuration"
      testSubj="configurationPage"
      description="The fields each log is signed with, and the retention policies. Field changes apply to new logs without a restart and never change logs already signed."
    >
      <ConfigurationSections />
    </BrowserSectionPage>
  );
}

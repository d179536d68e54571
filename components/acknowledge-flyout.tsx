'use client';

import {
  EuiButton,
  EuiButtonEmpty,
  EuiCallOut,
  EuiConfirmModal,
  EuiDescriptionList,
  EuiFieldText,
  EuiFilePicker,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFlyout,
  EuiFlyoutBody,
  EuiFlyoutFooter,
  EuiFlyoutHeader,
  EuiForm,
  EuiFormRow,
  EuiSelect,
  EuiSpacer,
  EuiText,
  EuiTextArea,
  EuiTitle,
} from '@elastic/eui';
import { useState } from 'react';
import { acknowledgeCorruption, acknowledgeCorruptionRange, ConsoleApiError, readKeyFileForUpload } from '@/lib/client';
import type { AcknowledgeRangeResultDto, AcknowledgeResultDto, CorruptionDto } from '@/lib/shared';

/** What to acknowledge: one corruption, or every corruption of a chain in a time range. */
export type AcknowledgeTarget = { kind: 'one'; corruption: CorruptionDto } | { kind: 'range'; chains: readonly string[]; chain?: string };

export type AcknowledgeOutcome = { kind: 'one'; result: AcknowledgeResultDto } | { kind: 'range'; result: AcknowledgeRangeResultDto };

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const noMs = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function timeProblem(v: string, name: string): string | null {
  if (v.trim() === '') return `${name} is required`;
  return RFC3339.test(v.trim()) && Number.isFinite(Date.parse(v)) ? null : `${name} must be an RFC 3339 time with a time zone, e.g. 2026-12-06T10:00:00Z`;
}

/**
 * The acknowledgement form (auditors): description, reason and the chain's iteration-0 key file,
 * then a confirmation before anything is written. The key file is read only when the auditor
 * confirms, sent once with that request, and not kept afterwards (the picker is cleared).
 */
export function AcknowledgeFlyout({ target, onClose, onDone }: { target: AcknowledgeTarget; onClose: () => void; onDone: (o: AcknowledgeOutcome) => void }) {
  const [description, setDescription] = useState('');
  const [reason, setReason] = useState('');
  const [keyFile, setKeyFile] = useState<File | null>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const [chain, setChain] = useState(target.kind === 'range' ? (target.chain ?? target.chains[0] ?? '') : '');
  const [from, setFrom] = useState(() => noMs(new Date(Date.now() - 24 * 3600_000)));
  const [to, setTo] = useState(() => noMs(new Date(Date.now() + 60_000)));
  const [touched, setTouched] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<{ code: string; message: string } | null>(null);

  const problems: Record<string, string | null> = {
    description: description.trim() === '' ? 'Describe what happened.' : null,
    reason: reason.trim() === '' ? 'Say why the corruption is acceptable.' : null,
    keyFile: keyFile === null ? "Choose the chain's iteration-0 key file." : null,
    ...(target.kind === 'range'
      ? {
          chain: chain === '' ? 'Choose a chain.' : null,
          from: timeProblem(from, 'From'),
          to: timeProblem(to, 'To') ?? (timeProblem(from, 'From') === null && Date.parse(from) >= Date.parse(to) ? 'From must be earlier than To (the range is [From, To)).' : null),
        }
      : {}),
  };
  const invalid = Object.values(problems).some((p) => p !== null);
  const shown = (k: string) => (touched ? (problems[k] ?? null) : null);

  const submit = async () => {
    setRunning(true);
    setFailure(null);
    try {
      const file = keyFile;
      if (file === null) return;
      const form = { description, reason, keyFile: await readKeyFileForUpload(file) };
      if (target.kind === 'one') onDone({ kind: 'one', result: await acknowledgeCorruption(target.corruption.corruptionId ?? '', form) });
      else onDone({ kind: 'range', result: await acknowledgeCorruptionRange({ chain, from: from.trim(), to: to.trim() }, form) });
    } catch (err) {
      setFailure({ code: err instanceof ConsoleApiError ? err.code : 'ERR_INTERNAL', message: (err as Error).message });
    } finally {
      // The key is needed for one request only: forget the file whatever happened.
      setKeyFile(null);
      setPickerKey((k) => k + 1);
      setRunning(false);
      setConfirming(false);
    }
  };

  const c = target.kind === 'one' ? target.corruption : null;
  const range = c === null || c.fromIteration === null ? '—' : c.fromIteration === c.toIteration ? String(c.fromIteration) : `${c.fromIteration} to ${c.toIteration}`;
  return (
    <>
      <EuiFlyout onClose={onClose} size="m" ownFocus aria-labelledby="ackFlyoutTitle" data-test-subj="ackFlyout">
        <EuiFlyoutHeader hasBorder>
          <EuiTitle size="s">
            <h2 id="ackFlyoutTitle">{c !== null ? 'Acknowledge a corruption' : 'Acknowledge corruptions in a time range'}</h2>
          </EuiTitle>
          <EuiSpacer size="s" />
          <EuiText size="s" color="subdued">
            <p>
              {c !== null
                ? 'Writes one signed acknowledgement, exactly as `signet acknowledge` does. The next verification reports the corruption as acknowledged instead of as an error.'
                : 'Verifies the chain’s logs signed in [From, To) and writes one signed acknowledgement per corruption found, exactly as `signet acknowledge-range` does.'}
            </p>
          </EuiText>
        </EuiFlyoutHeader>
        <EuiFlyoutBody>
          {failure !== null && (
            <>
              <EuiCallOut title="Nothing was acknowledged" color="danger" iconType="error" announceOnMount data-test-subj="ackError">
                <p>{failure.message}</p>
                <p>
                  <code>{failure.code}</code>
                </p>
              </EuiCallOut>
              <EuiSpacer size="m" />
            </>
          )}
          {c !== null && (
            <>
              <EuiDescriptionList
                type="column"
                compressed
                listItems={[
                  { title: 'Chain', description: c.chain },
                  { title: 'Error code', description: c.code ?? '—' },
                  { title: 'Iterations', description: range },
                  { title: 'CorruptionId', description: <code style={{ wordBreak: 'break-all' }}>{c.corruptionId}</code> },
                ]}
              />
              <EuiSpacer size="m" />
            </>
          )}
          <EuiForm component="form" onSubmit={(e) => e.preventDefault()} data-test-subj="ackForm">
            {target.kind === 'range' && (
              <>
                <EuiFormRow label="Chain" isInvalid={shown('chain') !== null} error={shown('chain')} helpText="Chains with a verification report.">
                  <EuiSelect options={target.chains.map((ch) => ({ value: ch, text: ch }))} value={chain} onChange={(e) => setChain(e.target.value)} hasNoInitialSelection={chain === ''} data-test-subj="ackChain" />
                </EuiFormRow>
                <EuiFlexGroup>
                  <EuiFlexItem>
                    <EuiFormRow label="From (inclusive)" isInvalid={shown('from') !== null} error={shown('from')} helpText="RFC 3339; the last log signed before it is the starting point.">
                      <EuiFieldText value={from} onChange={(e) => setFrom(e.target.value)} isInvalid={shown('from') !== null} data-test-subj="ackFrom" />
                    </EuiFormRow>
                  </EuiFlexItem>
                  <EuiFlexItem>
                    <EuiFormRow label="To (exclusive)" isInvalid={shown('to') !== null} error={shown('to')} helpText="RFC 3339, e.g. 2026-12-06T10:00:00Z.">
                      <EuiFieldText value={to} onChange={(e) => setTo(e.target.value)} isInvalid={shown('to') !== null} data-test-subj="ackTo" />
                    </EuiFormRow>
                  </EuiFlexItem>
                </EuiFlexGroup>
              </>
            )}
            <EuiFormRow label="Description" isInvalid={shown('description') !== null} error={shown('description')} helpText="What happened (stored in the acknowledgement, signed)." fullWidth>
              <EuiTextArea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} maxLength={4096} isInvalid={shown('description') !== null} fullWidth data-test-subj="ackDescription" />
            </EuiFormRow>
            <EuiFormRow label="Reason" isInvalid={shown('reason') !== null} error={shown('reason')} helpText="Why it is acceptable: a ticket, an incident, a decision." fullWidth>
              <EuiTextArea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={4096} isInvalid={shown('reason') !== null} fullWidth data-test-subj="ackReason" />
            </EuiFormRow>
            <EuiFormRow
              label="Iteration-0 key file"
              isInvalid={shown('keyFile') !== null}
              error={shown('keyFile')}
              helpText="The key backup made when the chain was created. Sent once with this request, used for it only and wiped; never stored or logged."
              fullWidth
            >
              <EuiFilePicker key={pickerKey} display="default" fullWidth initialPromptText="Select or drop the key file" onChange={(files) => setKeyFile(files?.[0] ?? null)} isInvalid={shown('keyFile') !== null} data-test-subj="ackKeyFile" />
            </EuiFormRow>
          </EuiForm>
        </EuiFlyoutBody>
        <EuiFlyoutFooter>
          <EuiFlexGroup justifyContent="spaceBetween">
            <EuiFlexItem grow={false}>
              <EuiButtonEmpty onClick={onClose} data-test-subj="ackCancel">
                Cancel
              </EuiButtonEmpty>
            </EuiFlexItem>
            <EuiFlexItem grow={false}>
              <EuiButton
                fill
                color="warning"
                isLoading={running}
                onClick={() => {
                  setTouched(true);
                  if (!invalid) setConfirming(true);
                }}
                data-test-subj="ackSubmit"
              >
                Acknowledge…
              </EuiButton>
            </EuiFlexItem>
          </EuiFlexGroup>
        </EuiFlyoutFooter>
      </EuiFlyout>
      {confirming && (
        <EuiConfirmModal
          title={c !== null ? 'Acknowledge this corruption?' : `Acknowledge every corruption of ${chain} in this range?`}
          aria-labelledby="ackConfirmTitle"
          titleProps={{ id: 'ackConfirmTitle' }}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void submit()}
          cancelButtonText="Cancel"
          confirmButtonText="Acknowledge"
          buttonColor="warning"
          isLoading={running}
          data-test-subj="ackConfirmModal"
        >
          <p>
            {c !== null ? `The corruption of iteration${c.fromIteration === c.toIteration ? '' : 's'} ${range} of ${c.chain}` : `Every corruption of ${chain} signed from ${from} to ${to}`} will be acknowledged as you, with your description and reason. An acknowledgement cannot be edited; it is recorded in the audit log.
          </p>
        </EuiConfirmModal>
      )}
    </>
  );
}

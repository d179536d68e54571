'use client';

import {
  EuiButton,
  EuiButtonEmpty,
  EuiButtonIcon,
  EuiCallOut,
  EuiConfirmModal,
  EuiFieldText,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFormRow,
  EuiSpacer,
  EuiText,
  EuiTitle,
} from '@elastic/eui';
import { useState } from 'react';
import { checkFieldPath, includeFieldsProblems, MAX_FIELD_PATH_LENGTH } from '@/lib/shared';
import { FieldsDiff } from './fields-diff';

export interface IncludeFieldsEditorProps {
  /** The list the file holds now: what the diff is against. */
  readonly base: readonly string[];
  /** Saves the list; rejects with the server's message (a 409 says the file changed). */
  readonly onSave: (list: string[]) => Promise<void>;
}

/**
 * Edits `include_fields`: change, add, remove and reorder dot paths, each checked as the config
 * loader checks it (inline error, Save disabled), with a diff against the file and a confirmation.
 */
export function IncludeFieldsEditor({ base, onSave }: IncludeFieldsEditorProps) {
  const [draft, setDraft] = useState<string[]>([...base]);
  const [adding, setAdding] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [saving, setSaving] = useState(false);
  const problems = includeFieldsProblems(draft);
  const rowError = new Map<number, string>();
  for (const p of problems) if (p.index !== null && !rowError.has(p.index)) rowError.set(p.index, p.message);
  const listError = problems.find((p) => p.index === null)?.message ?? null;
  const changed = draft.length !== base.length || draft.some((f, i) => f !== base[i]);
  const addProblem = adding === '' ? null : (checkFieldPath(adding) ?? (draft.includes(adding) ? 'is already in the list' : null));

  const set = (i: number, v: string) => setDraft((d) => d.map((f, j) => (j === i ? v : f)));
  const move = (i: number, by: -1 | 1) =>
    setDraft((d) => {
      const next = [...d];
      const [item] = next.splice(i, 1);
      next.splice(i + by, 0, item as string);
      return next;
    });
  const add = () => {
    if (adding === '' || addProblem !== null) return;
    setDraft((d) => [...d, adding]);
    setAdding('');
  };
  const save = async () => {
    setSaving(true);
    try {
      await onSave(draft);
    } finally {
      setSaving(false);
      setConfirming(false);
    }
  };

  return (
    <>
      {draft.map((f, i) => (
        <EuiFormRow key={i} fullWidth isInvalid={rowError.has(i)} error={rowError.get(i)} display="rowCompressed" data-test-subj="fieldRow">
          <EuiFlexGroup gutterSize="xs" alignItems="center" responsive={false}>
            <EuiFlexItem grow={false} style={{ minWidth: 32 }}>
              <EuiText size="xs" color="subdued">
                {i + 1}
              </EuiText>
            </EuiFlexItem>
            <EuiFlexItem>
              <EuiFieldText compressed fullWidth value={f} maxLength={MAX_FIELD_PATH_LENGTH} isInvalid={rowError.has(i)} onChange={(e) => set(i, e.target.value)} aria-label={`Signed field ${i + 1}`} data-test-subj="fieldInput" />
            </EuiFlexItem>
            <EuiFlexItem grow={false}>
              <EuiButtonIcon iconType="sortUp" aria-label={`Move ${f} up`} isDisabled={i === 0} onClick={() => move(i, -1)} data-test-subj="fieldMoveUp" />
            </EuiFlexItem>
            <EuiFlexItem grow={false}>
              <EuiButtonIcon iconType="sortDown" aria-label={`Move ${f} down`} isDisabled={i === draft.length - 1} onClick={() => move(i, 1)} data-test-subj="fieldMoveDown" />
            </EuiFlexItem>
            <EuiFlexItem grow={false}>
              <EuiButtonIcon iconType="trash" color="danger" aria-label={`Remove ${f}`} onClick={() => setDraft((d) => d.filter((_, j) => j !== i))} data-test-subj="fieldRemove" />
            </EuiFlexItem>
          </EuiFlexGroup>
        </EuiFormRow>
      ))}
      {listError !== null && (
        <EuiCallOut title={`The list ${listError}`} color="danger" iconType="error" size="s" announceOnMount={false} data-test-subj="fieldsListError" />
      )}
      <EuiSpacer size="m" />
      <EuiFormRow label="Add a field (dot path, e.g. host.name)" fullWidth isInvalid={addProblem !== null} error={addProblem === null ? undefined : `This entry ${addProblem}`}>
        <EuiFlexGroup gutterSize="s" responsive={false}>
          <EuiFlexItem>
            <EuiFieldText
              compressed
              fullWidth
              value={adding}
              maxLength={MAX_FIELD_PATH_LENGTH}
              isInvalid={addProblem !== null}
              onChange={(e) => setAdding(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') add();
              }}
              placeholder="event.dataset"
              data-test-subj="fieldAddInput"
            />
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <EuiButton size="s" iconType="plusCircle" onClick={add} isDisabled={adding === '' || addProblem !== null} data-test-subj="fieldAddButton">
              Add
            </EuiButton>
          </EuiFlexItem>
        </EuiFlexGroup>
      </EuiFormRow>
      <EuiSpacer size="l" />
      <EuiTitle size="xxs">
        <h4>Changes against the file</h4>
      </EuiTitle>
      <EuiSpacer size="s" />
      <FieldsDiff before={base} after={draft} />
      <EuiSpacer size="m" />
      <EuiFlexGroup gutterSize="s" responsive={false}>
        <EuiFlexItem grow={false}>
          <EuiButton fill iconType="save" onClick={() => setConfirming(true)} isDisabled={!changed || problems.length > 0} data-test-subj="fieldsSaveButton">
            Save
          </EuiButton>
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiButtonEmpty onClick={() => setDraft([...base])} isDisabled={!changed} data-test-subj="fieldsResetButton">
            Discard changes
          </EuiButtonEmpty>
        </EuiFlexItem>
        {problems.length > 0 && (
          <EuiFlexItem>
            <EuiText size="s" color="danger" data-test-subj="fieldsInvalidHint">
              <p>Fix the {problems.length} highlighted problem{problems.length === 1 ? '' : 's'} to save.</p>
            </EuiText>
          </EuiFlexItem>
        )}
      </EuiFlexGroup>
      {confirming && (
        <EuiConfirmModal
          title="Save the signed fields?"
          aria-labelledby="fieldsConfirmTitle"
          titleProps={{ id: 'fieldsConfirmTitle' }}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void save()}
          cancelButtonText="Cancel"
          confirmButtonText="Save and apply"
          buttonColor="primary"
          isLoading={saving}
          data-test-subj="fieldsConfirmModal"
        >
          <p>Writes elastic_blockchain_proxy_fields.toml (its comments are kept) and signs every log from now on with this list, without a restart. Logs already signed keep the fields they were signed with, and verification reads those from each log.</p>
          <FieldsDiff before={base} after={draft} />
        </EuiConfirmModal>
      )}
    </>
  );
}

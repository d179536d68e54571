'use client';

import { EuiConfirmModal } from '@elastic/eui';
import type { ReactNode } from 'react';
import type { DlqFileDto } from '@/lib/shared';

interface ConfirmProps {
  readonly onCancel: () => void;
  readonly onConfirm: () => void;
}

/** The DLQ page's confirmation dialog: what the action does, and one button that does it. */
function DlqConfirm({ id, title, action, color, busy, testSubj, onCancel, onConfirm, children }: ConfirmProps & { id: string; title: string; action: string; color: 'primary' | 'danger'; busy: boolean; testSubj: string; children: ReactNode }) {
  return (
    <EuiConfirmModal title={title} aria-labelledby={id} titleProps={{ id }} onCancel={onCancel} onConfirm={onConfirm} cancelButtonText="Cancel" confirmButtonText={action} buttonColor={color} isLoading={busy} data-test-subj={testSubj}>
      <p>{children}</p>
    </EuiConfirmModal>
  );
}

/** Asks before a DLQ recovery of `target` ("every signed file", "2 selected files"). */
export function DlqRecoverModal({ target, starting, ...rest }: ConfirmProps & { target: string; starting: boolean }) {
  return (
    <DlqConfirm id="dlqConfirmTitle" title="Recover the dead letter queue?" action="Recover" color="primary" busy={starting} testSubj="dlqConfirmModal" {...rest}>
      Re-indexes the signed logs of {target} into Elasticsearch, unchanged except the recovered tag, and moves what is recovered to the recovered folder. Entries Elasticsearch refuses, and bad or torn lines, stay in the queue. The rejected area is never touched. The recovery runs in the background; this page shows its progress.
    </DlqConfirm>
  );
}

/** Asks before a DLQ file is set aside in its archive_dlq folder, saying what that means for verification. */
export function DlqArchiveModal({ file, busy, ...rest }: ConfirmProps & { file: DlqFileDto; busy: boolean }) {
  return (
    <DlqConfirm id="dlqArchiveTitle" title={`Archive ${file.relPath}?`} action="Archive" color="danger" busy={busy} testSubj="dlqArchiveModal" {...rest}>
      Moves the file into the <code>archive_dlq</code> folder next to it (El Proxy&apos;s convention for files set aside by hand). Its {file.entries} entr{file.entries === 1 ? 'y is' : 'ies are'} then never recovered: if they are signed logs, the next verification reports their iterations as missing until they are acknowledged. The file stays on disk; nothing is deleted.
    </DlqConfirm>
  );
}

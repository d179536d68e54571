'use client';

import { EuiConfirmModal } from '@elastic/eui';
import type { DlqFileDto } from '@/lib/shared';

/** Asks before a DLQ recovery of `target` ("every signed file", "2 selected files"). */
export function DlqRecoverModal({ target, starting, onCancel, onConfirm }: { target: string; starting: boolean; onCancel: () => void; onConfirm: () => void }) {
  return (
    <EuiConfirmModal
      title="Recover the dead letter queue?"
      aria-labelledby="dlqConfirmTitle"
      titleProps={{ id: 'dlqConfirmTitle' }}
      onCancel={onCancel}
      onConfirm={onConfirm}
      cancelButtonText="Cancel"
      confirmButtonText="Recover"
      buttonColor="primary"
      isLoading={starting}
      data-test-subj="dlqConfirmModal"
    >
      <p>
        Re-indexes the signed logs of {target} into Elasticsearch, unchanged except the recovered tag, and moves what is recovered to the recovered folder. Entries Elasticsearch refuses, and bad or torn lines, stay in the queue. The rejected area is never touched. The recovery runs in the background; this page shows its progress.
      </p>
    </EuiConfirmModal>
  );
}

/** Asks before a DLQ file is set aside in its archive_dlq folder, saying what that means for verification. */
export function DlqArchiveModal({ file, busy, onCancel, onConfirm }: { file: DlqFileDto; busy: boolean; onCancel: () => void; onConfirm: () => void }) {
  return (
    <EuiConfirmModal
      title={`Archive ${file.relPath}?`}
      aria-labelledby="dlqArchiveTitle"
      titleProps={{ id: 'dlqArchiveTitle' }}
      onCancel={onCancel}
      onConfirm={onConfirm}
      cancelButtonText="Cancel"
      confirmButtonText="Archive"
      buttonColor="danger"
      isLoading={busy}
      data-test-subj="dlqArchiveModal"
    >
      <p>
        Moves the file into the <code>archive_dlq</code> folder next to it (El Proxy&apos;s convention for files set aside by hand). Its {file.entries} entr{file.entries === 1 ? 'y is' : 'ies are'} then never recovered: if they are signed logs, the next verification reports their iterations as missing until they are acknowledged. The file stays on disk; nothing is deleted.
      </p>
    </EuiConfirmModal>
  );
}

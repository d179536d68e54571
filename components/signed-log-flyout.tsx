'use client';

import { EuiCodeBlock, EuiDescriptionList, EuiFlyout, EuiFlyoutBody, EuiFlyoutHeader, EuiSpacer, EuiText, EuiTitle } from '@elastic/eui';
import type { SignedLogDto } from '@/lib/shared';
import { formatTime } from './chain-badges';

/** A stored signed log: where it is, its ES_BLOCKCHAIN block, and the whole document as stored. */
export function SignedLogFlyout({ log, onClose }: { log: SignedLogDto; onClose: () => void }) {
  return (
    <EuiFlyout onClose={onClose} size="m" ownFocus aria-labelledby="chainLogFlyoutTitle" data-test-subj="chainLogFlyout">
      <EuiFlyoutHeader hasBorder>
        <EuiTitle size="s">
          <h2 id="chainLogFlyoutTitle">Iteration {log.iteration ?? '—'}</h2>
        </EuiTitle>
      </EuiFlyoutHeader>
      <EuiFlyoutBody>
        <EuiDescriptionList
          type="column"
          compressed
          listItems={[
            { title: 'Index', description: log.index },
            { title: 'Document id', description: log.id },
            { title: 'Signed', description: formatTime(log.signedAt) },
            { title: 'Hash', description: log.hash ?? '—' },
          ]}
        />
        <EuiSpacer size="l" />
        <EuiTitle size="xxs">
          <h3>ES_BLOCKCHAIN</h3>
        </EuiTitle>
        <EuiSpacer size="s" />
        {log.blockchainText === null ? (
          <EuiText size="s" color="danger">
            <p>This document has no ES_BLOCKCHAIN block.</p>
          </EuiText>
        ) : (
          <EuiCodeBlock language="json" fontSize="s" paddingSize="s" isCopyable data-test-subj="chainLogBlockchain">
            {log.blockchainText}
          </EuiCodeBlock>
        )}
        <EuiSpacer size="l" />
        <EuiTitle size="xxs">
          <h3>Document as stored</h3>
        </EuiTitle>
        <EuiSpacer size="s" />
        <EuiCodeBlock language="json" fontSize="s" paddingSize="s" isCopyable overflowHeight={480} data-test-subj="chainLogDocument">
          {log.documentText}
        </EuiCodeBlock>
      </EuiFlyoutBody>
    </EuiFlyout>
  );
}

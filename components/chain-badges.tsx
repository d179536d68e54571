'use client';

import { EuiBadge, EuiToolTip } from '@elastic/eui';
import type { ChainReportDto, ChainSummaryDto } from '@/lib/shared';

/** `2026-12-06T10:00:00.123Z` → `2026-12-06 10:00:00 UTC` (no locale: the same on every machine). */
export function formatTime(iso: string | null): string {
  return iso === null ? '—' : iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC');
}

const STATUS_COLOR: Record<string, 'success' | 'warning' | 'danger'> = { ok: 'success', warning: 'warning', critical: 'danger' };

/** A verification result: its status with error/warning counts, or "never verified". */
export function VerificationBadge({ report }: { report: ChainReportDto | null }) {
  if (report === null) {
    return (
      <EuiBadge color="hollow" data-test-subj="chainVerification">
        never verified
      </EuiBadge>
    );
  }
  const status = report.status ?? 'unknown';
  const counts = `${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}`;
  return (
    <EuiToolTip content={`${report.mode ?? 'unknown'} run finished ${formatTime(report.finishedAt)}: ${counts}`}>
      <EuiBadge color={STATUS_COLOR[status] ?? 'default'} data-test-subj="chainVerification" tabIndex={0}>
        {status}
        {report.errors > 0 ? ` · ${report.errors} err` : ''}
        {report.warnings > 0 ? ` · ${report.warnings} warn` : ''}
      </EuiBadge>
    </EuiToolTip>
  );
}

const STATE_LABEL: Record<ChainSummaryDto['state'], { text: string; color: 'success' | 'default' | 'danger' | 'hollow' }> = {
  ready: { text: 'signing', color: 'success' },
  idle: { text: 'loading', color: 'default' },
  blocked: { text: 'blocked', color: 'danger' },
  on_disk: { text: 'on disk', color: 'hollow' },
};

const NOT_LOADED = { text: 'not loaded', color: 'warning' } as const;

/** The chain's writer state in this process. */
export function ChainStateBadge({ chain }: { chain: Pick<ChainSummaryDto, 'state' | 'blockedReason'> }) {
  // An idle writer with a reason failed to load (store down, another process holds the chain).
  const s = chain.state === 'idle' && chain.blockedReason !== null ? NOT_LOADED : STATE_LABEL[chain.state];
  const badge = (
    <EuiBadge color={s.color} data-test-subj="chainState">
      {s.text}
    </EuiBadge>
  );
  return chain.blockedReason === null ? badge : <EuiToolTip content={chain.blockedReason}>{badge}</EuiToolTip>;
}

'use client';

import { EuiBadge } from '@elastic/eui';
import type { VerificationRunState, VerificationStatusDto } from '@/lib/shared';

// Small pieces the verification pages share: the verdict badge (Nagios wording, as the CLI's
// exit status), the run-state badge, and one way of printing times and durations.

const STATUS: Record<VerificationStatusDto, { color: string; text: string }> = {
  ok: { color: 'success', text: 'OK' },
  warning: { color: 'warning', text: 'Warning' },
  critical: { color: 'danger', text: 'Critical' },
};

export function StatusBadge({ status }: { status: VerificationStatusDto }) {
  const s = STATUS[status];
  return (
    <EuiBadge color={s.color} data-test-subj={`verificationStatus-${status}`}>
      {s.text}
    </EuiBadge>
  );
}

const STATE: Record<VerificationRunState, { color: string; text: string }> = {
  running: { color: 'primary', text: 'Running' },
  succeeded: { color: 'success', text: 'Finished' },
  failed: { color: 'danger', text: 'Failed' },
  cancelled: { color: 'default', text: 'Cancelled' },
};

export function RunStateBadge({ state }: { state: VerificationRunState }) {
  const s = STATE[state];
  return (
    <EuiBadge color={s.color} data-test-subj={`verificationRunState-${state}`}>
      {s.text}
    </EuiBadge>
  );
}

/** `2026-12-06 10:15:00 UTC` (the same in every time zone, so screenshots and tests agree). */
export function formatTime(iso: string | null): string {
  if (iso === null || iso === '') return '—';
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC');
}

/** `850 ms`, `12.3 s`, `4 min 05 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

export const formatCount = (n: number): string => n.toLocaleString('en-US');

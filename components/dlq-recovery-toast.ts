import type { DlqRecoveryJobDto } from '@/lib/shared';

/** A toast of the DLQ page (EuiGlobalToastList's shape, with the test subject its e2e tests find). */
export interface Toast {
  id: string;
  title: string;
  color: 'success' | 'warning' | 'danger';
  text?: string;
  'data-test-subj'?: string;
}

/** What the toast says when a recovery started from the page has ended. */
export function summarize(job: DlqRecoveryJobDto): Toast {
  const id = `dlq-${job.id}`;
  const r = job.report;
  if (job.state === 'failed' || r === null) return { id, title: 'Recovery failed', color: 'danger', text: job.error?.message ?? 'unknown error', 'data-test-subj': 'dlqToastError' };
  const t = r.totals;
  const text = `${t.recovered} recovered, ${t.alreadyStored} already stored, ${t.failed} failed, ${t.remainingEntries} still waiting.`;
  if (r.stoppedBy !== null) return { id, title: 'Recovery stopped: Elasticsearch stopped answering', color: 'danger', text: `${text} ${r.stoppedBy}`, 'data-test-subj': 'dlqToastStopped' };
  if (r.complete) return { id, title: 'Dead letter queue recovered', color: 'success', text, 'data-test-subj': 'dlqToastSuccess' };
  return { id, title: 'Recovery finished; some entries stay in the queue', color: 'warning', text, 'data-test-subj': 'dlqToastPartial' };
}

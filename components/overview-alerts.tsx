'use client';

import { EuiButton, EuiCallOut, EuiSpacer } from '@elastic/eui';
import { Fragment } from 'react';
import type { OverviewAlertDto } from '@/lib/shared';

// The Overview page's alerts: what an operator or auditor must act on, each with the page where
// it is handled.

export function OverviewAlerts({ alerts }: { alerts: readonly OverviewAlertDto[] }) {
  if (alerts.length === 0) {
    return (
      <EuiCallOut title="No alerts" color="success" iconType="checkCircleFill" size="s" announceOnMount={false} data-test-subj="overviewNoAlerts">
        <p>The dead letter queue is empty, no key backup waits to be moved, and every blockchain was verified recently without errors.</p>
      </EuiCallOut>
    );
  }
  return (
    <div data-test-subj="overviewAlerts">
      {alerts.map((a, i) => (
        <Fragment key={a.id}>
          {i > 0 && <EuiSpacer size="s" />}
          <EuiCallOut title={a.title} color={a.severity} iconType={a.severity === 'danger' ? 'error' : 'warning'} size="s" announceOnMount={false} data-test-subj={`overviewAlert-${a.kind}`}>
            <p>{a.message}</p>
            {a.href !== null && (
              <EuiButton href={a.href} size="s" color={a.severity} data-test-subj={`overviewAlertLink-${a.kind}`}>
                {a.kind === 'dlq' || a.kind === 'chainLimit' ? 'Open the dead letter queue' : 'Open verification'}
              </EuiButton>
            )}
          </EuiCallOut>
        </Fragment>
      ))}
    </div>
  );
}

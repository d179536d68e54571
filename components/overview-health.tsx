'use client';

import { EuiFlexGrid, EuiFlexItem, EuiPanel, EuiStat, EuiText } from '@elastic/eui';
import type { OverviewHealthDto } from '@/lib/shared';

// The Overview page's health row: the store, the disks of Signet's folders, the chain queues and
// the chains — the checks of `GET /api/v1/health`, shown with their numbers.

const AREA_NAMES = { data: 'keys (data_dir)', dlq: 'dead letter queue', outbox: 'outbox' } as const;

function areaList(areas: readonly (keyof typeof AREA_NAMES)[]): string {
  const names = areas.map((a) => AREA_NAMES[a]);
  const text = names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) as string}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let v = n, i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(ratio < 0.1 && ratio > 0 ? 1 : 0)}%`;

export function OverviewHealth({ health }: { health: OverviewHealthDto }) {
  const measured = health.disks.filter((d) => d.freeRatio !== null);
  const minFree = measured.length === 0 ? null : Math.min(...measured.map((d) => d.freeRatio as number));
  const disksOk = health.disks.every((d) => d.ok);
  const q = health.queues;
  const blocked = health.chains.blocked;
  return (
    <EuiFlexGrid columns={4} gutterSize="m" data-test-subj="overviewHealth">
      <EuiFlexItem>
        <EuiPanel hasBorder data-test-subj="healthStore">
          <EuiStat title={health.store.reachable ? 'Reachable' : 'Unreachable'} titleColor={health.store.reachable ? 'success' : 'danger'} titleSize="s" description="Elasticsearch" />
          <EuiText size="xs" color="subdued">
            <p>{health.store.reachable ? 'Signed logs are being stored.' : 'Logs are refused (503) or kept in the dead letter queue until it answers.'}</p>
          </EuiText>
        </EuiPanel>
      </EuiFlexItem>
      <EuiFlexItem>
        <EuiPanel hasBorder data-test-subj="healthDisk">
          <EuiStat title={minFree === null ? 'Unreadable' : `${percent(minFree)} free`} titleColor={disksOk ? 'success' : 'danger'} titleSize="s" description="Disk" />
          <EuiText size="xs" color="subdued">
            {health.disks.map((d) => (
              <p key={d.areas.join()} data-test-subj={`healthDisk-${d.areas.join('-')}`}>
                {areaList(d.areas)}: {d.freeBytes === null || d.totalBytes === null || d.freeRatio === null ? 'cannot be read' : `${formatBytes(d.freeBytes)} of ${formatBytes(d.totalBytes)} free (${percent(d.freeRatio)})`}
              </p>
            ))}
            <p>Below {percent(health.minFreeDiskRatio)} free, Signet reports itself down.</p>
          </EuiText>
        </EuiPanel>
      </EuiFlexItem>
      <EuiFlexItem>
        <EuiPanel hasBorder data-test-subj="healthQueues">
          <EuiStat title={String(q.queuedLogs)} titleColor={q.maxFill >= 0.8 ? 'danger' : q.maxFill >= 0.5 ? 'accent' : 'default'} titleSize="s" description="Logs waiting in chain queues" />
          <EuiText size="xs" color="subdued">
            <p data-test-subj="healthQueuesFill">
              {q.fullestChain === null ? `Every queue is empty (each holds up to ${q.capacityPerChain} logs).` : `Fullest: ${percent(q.maxFill)} of ${q.capacityPerChain} logs (${q.fullestChain}).`}
            </p>
            <p>Outbox: {q.outboxPending} signed log(s) not yet confirmed by Elasticsearch.</p>
          </EuiText>
        </EuiPanel>
      </EuiFlexItem>
      <EuiFlexItem>
        <EuiPanel hasBorder data-test-subj="healthChains">
          <EuiStat title={String(health.chains.total)} titleColor={blocked.length > 0 ? 'danger' : 'default'} titleSize="s" description="Blockchains" />
          <EuiText size="xs" color="subdued">
            {blocked.length === 0 ? (
              <p data-test-subj="healthChainsBlocked">None blocked.</p>
            ) : (
              <>
                <p data-test-subj="healthChainsBlocked">{blocked.length} blocked (refused until an operator resolves it):</p>
                {blocked.map((b) => (
                  <p key={b.name}>
                    {b.name}
                    {b.reason === null ? '' : `: ${b.reason}`}
                  </p>
                ))}
              </>
            )}
          </EuiText>
        </EuiPanel>
      </EuiFlexItem>
    </EuiFlexGrid>
  );
}

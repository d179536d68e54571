import type { Client } from '@elastic/elasticsearch';
import type { ConsoleOverviewService } from '../auth';
import type { Config } from '../config';
import type { Dlq } from '../dlq';
import type { KeyStore } from '../keys';
import type { OverviewAlertDto, OverviewDiskDto, OverviewDto } from '../shared';
import { chainName } from '../chain';
import type { OverviewHistory } from './console-overview-history';
import { latestReports, type LatestReport } from './latest-reports';
import { diskSpace, MIN_FREE_DISK_RATIO, nearestExisting } from './status-handlers';

// The console's Overview page: the health endpoint's checks (store ping, free disk of the data,
// DLQ and outbox folders, chain queues, blocked chains), the metrics history, and the alerts an
// operator or auditor must act on: a non-empty DLQ, a key backup waiting to be moved off the
// machine (SPEC §7), and per chain a failed (critical) or overdue latest verification report
// (SPEC §8, read from `signet-verification-reports`). Reads only; never changes anything.

export interface ConsoleOverviewDeps {
  readonly config: Pick<Config, 'dataDir' | 'dlqDir' | 'outboxDir' | 'messageQueueSize' | 'console'>;
  readonly client: Client;
  readonly dlq: Pick<Dlq, 'status'>;
  readonly keys: Pick<KeyStore, 'backups' | 'listChains'>;
  readonly ping: () => Promise<boolean>;
  readonly history: OverviewHistory;
  /** The chain service's count of blockchains against `max_blockchains` (ChainService.capacity). */
  readonly chainCapacity?: () => { chains: number; max: number | null };
  /** Settings changed on disk that apply only after a restart, as of the last SIGHUP (RunningSignet.reload). */
  readonly restartPending?: () => readonly string[];
  readonly now?: () => number;
}

/** Above this many alerts of one kind, they are summed up in one (a thousand callouts help no one). */
const MAX_ALERTS_PER_KIND = 5;
const HOUR_MS = 3_600_000;

export function createConsoleOverviewService(deps: ConsoleOverviewDeps): ConsoleOverviewService {
  const now = deps.now ?? Date.now;
  const overdueHours = deps.config.console.verificationOverdueHours;
  return {
    async describe(): Promise<OverviewDto> {
      const areas = [['data', deps.config.dataDir], ['dlq', deps.config.dlqDir], ['outbox', deps.config.outboxDir]] as const;
      const [reachable, disks, dlq, backups, chainIds] = await Promise.all([
        deps.ping().catch(() => false),
        disksOf(areas),
        deps.dlq.status().catch(() => null),
        deps.keys.backups().catch(() => null),
        deps.keys.listChains().catch(() => []),
      ]);
      const statuses = deps.history.chains.status();
      const blocked = statuses.filter((c) => c.state === 'blocked').map((c) => ({ name: c.name, reason: c.blockedReason ?? null }));
      const cap = deps.config.messageQueueSize;
      let fullest: { name: string; fill: number } | null = null;
      for (const c of statuses) {
        const fill = cap > 0 ? c.queuedLogs / cap : 0;
        if (fullest === null || fill > fullest.fill) fullest = { name: c.name, fill };
      }
      // Chains of this installation: key files on disk, plus any created since start-up.
      const names = [...new Set([...chainIds.map((id) => chainName(id)), ...statuses.map((c) => c.name)])].sort();

      const alerts: OverviewAlertDto[] = [];
      if (dlq !== null && !dlq.empty) {
        const parts = [dlq.signedFiles > 0 ? `${dlq.signedFiles} file(s) of signed logs wait for recovery` : null, dlq.rejectedFiles > 0 ? `${dlq.rejectedFiles} file(s) of logs that could not be signed wait in the rejected area` : null].filter((p) => p !== null);
        alerts.push({ id: 'dlq', kind: 'dlq', severity: 'warning', title: 'The dead letter queue is not empty', message: `${parts.join('; ')}. Recover or archive them on the Dead letter queue page.`, href: '/dead-letter-queue', chain: null });
      }
      if (backups !== null && backups.length > 0) {
        alerts.push({ id: 'keyBackup', kind: 'keyBackup', severity: 'warning', title: 'A key backup waits to be moved off the machine', message: `${backups.length} file(s) in data_backup_dir hold iteration-0 keys. Move them to offline storage for the auditors; the running service never needs them again.`, href: null, chain: null });
      }
      const capacity = deps.chainCapacity?.();
      const atLimit = capacity !== undefined && capacity.max !== null && capacity.chains >= capacity.max;
      if (atLimit) {
        alerts.push({ id: 'chainLimit', kind: 'chainLimit', severity: 'warning', title: 'The blockchain limit is reached', message: `This instance keeps ${capacity.chains} blockchains and max_blockchains is ${capacity.max}: logs of new blockchains go, unsigned, to the rejected area of the dead letter queue. Raise max_blockchains if they are expected; otherwise check what the shippers put into EBP_METADATA.`, href: '/dead-letter-queue', chain: null });
      }
      const pending = deps.restartPending?.() ?? [];
      if (pending.length > 0) {
        alerts.push({ id: 'restartPending', kind: 'restartPending', severity: 'warning', title: 'Configuration changes wait for a restart', message: `The configuration files were changed and reloaded (SIGHUP), but these settings apply only after Signet restarts; the values it started with are still in use: ${pending.join(', ')}.`, href: null, chain: null });
      }
      alerts.push(...(reachable ? await verificationAlerts(deps.client, names, now(), overdueHours) : [unknownAlert('Elasticsearch is unreachable')]));

      const problems = blocked.length > 0 || (dlq !== null && !dlq.empty) || (backups !== null && backups.length > 0) || atLimit;
      return {
        generatedAt: new Date(now()).toISOString(),
        health: {
          status: !reachable || disks.some((d) => !d.ok) ? 'down' : problems ? 'degraded' : 'ok',
          store: { reachable },
          disks,
          minFreeDiskRatio: MIN_FREE_DISK_RATIO,
          queues: {
            capacityPerChain: cap,
            queuedLogs: statuses.reduce((n, c) => n + c.queuedLogs, 0),
            maxFill: fullest === null ? 0 : Number(fullest.fill.toFixed(4)),
            fullestChain: fullest === null || fullest.fill === 0 ? null : fullest.name,
            outboxPending: statuses.reduce((n, c) => n + c.pendingOutbox, 0),
          },
          chains: { total: names.length, blocked },
        },
        series: { intervalSecs: deps.history.intervalMs / 1000, capacity: deps.history.capacity, points: deps.history.points() },
        alerts,
        verificationOverdueHours: overdueHours,
      };
    },
  };
}

async function verificationAlerts(client: Client, names: readonly string[], nowMs: number, overdueHours: number): Promise<OverviewAlertDto[]> {
  if (names.length === 0) return [];
  let latest: Map<string, LatestReport>;
  try {
    latest = await latestReports(client, names);
  } catch (err) {
    return [unknownAlert((err as Error).message)];
  }
  const failed: OverviewAlertDto[] = [];
  const overdue: OverviewAlertDto[] = [];
  for (const name of names) {
    const r = latest.get(name);
    if (r === undefined) {
      overdue.push({ id: `verificationOverdue:${name}`, kind: 'verificationOverdue', severity: 'warning', title: `${name} has never been verified`, message: 'No verification report exists for this blockchain. An auditor runs one on the Verification page (or with `signet verify`).', href: '/verification', chain: name });
      continue;
    }
    const ageHours = (nowMs - Date.parse(r.finishedAt)) / HOUR_MS;
    const age = Number.isFinite(ageHours) ? formatAge(ageHours) : 'at an unknown time';
    if (r.status === 'critical') {
      failed.push({ id: `verificationFailed:${name}`, kind: 'verificationFailed', severity: 'danger', title: `The latest verification of ${name} failed`, message: `Report ${r.reportId} (${age}) found ${r.errorsTotal} error(s). Review them on the Verification and Corruptions pages.`, href: '/verification', chain: name });
    } else if (!(ageHours <= overdueHours)) {
      overdue.push({ id: `verificationOverdue:${name}`, kind: 'verificationOverdue', severity: 'warning', title: `The verification of ${name} is overdue`, message: `Its latest verification report is from ${age}, more than ${overdueHours} h ago.`, href: '/verification', chain: name });
    }
  }
  return [...summarize(failed, 'verificationFailed', 'danger', 'blockchains whose latest verification failed'), ...summarize(overdue, 'verificationOverdue', 'warning', 'blockchains not verified within the last ' + String(overdueHours) + ' h')];
}

function summarize(list: OverviewAlertDto[], kind: OverviewAlertDto['kind'], severity: OverviewAlertDto['severity'], what: string): OverviewAlertDto[] {
  if (list.length <= MAX_ALERTS_PER_KIND) return list;
  const chains = list.map((a) => a.chain as string);
  return [{ id: kind, kind, severity, title: `${list.length} ${what}`, message: `${chains.slice(0, MAX_ALERTS_PER_KIND).join(', ')} and ${list.length - MAX_ALERTS_PER_KIND} more.`, href: '/verification', chain: null }];
}

type Area = OverviewDiskDto['areas'][number];

/** Free space per file system (folders on the same device are one entry); an unreadable folder is its own entry. */
async function disksOf(areas: readonly (readonly [Area, string])[]): Promise<OverviewDiskDto[]> {
  const byDevice = new Map<string, { areas: Area[]; space: NonNullable<Awaited<ReturnType<typeof diskSpace>>> }>();
  const out: OverviewDiskDto[] = [];
  for (const [area, dir] of areas) {
    const found = await nearestExisting(dir);
    const space = found === null ? null : await diskSpace(found.dir);
    if (found === null || space === null) {
      out.push({ areas: [area], freeBytes: null, totalBytes: null, freeRatio: null, ok: false });
      continue;
    }
    const entry = byDevice.get(found.dev);
    if (entry === undefined) byDevice.set(found.dev, { areas: [area], space });
    else entry.areas.push(area);
  }
  for (const { areas: on, space } of byDevice.values()) {
    out.push({ areas: on, freeBytes: space.free, totalBytes: space.total, freeRatio: Number(space.freeRatio.toFixed(4)), ok: space.freeRatio >= MIN_FREE_DISK_RATIO });
  }
  return out;
}

function unknownAlert(why: string): OverviewAlertDto {
  return { id: 'verificationUnknown', kind: 'verificationUnknown', severity: 'warning', title: 'Verification reports cannot be read', message: `Failed and overdue verifications are not checked: ${why}.`, href: null, chain: null };
}

function formatAge(hours: number): string {
  if (hours < 1) return `${Math.max(0, Math.round(hours * 60))} min ago`;
  if (hours < 48) return `${Math.round(hours)} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

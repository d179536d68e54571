import useSWR from 'swr';
import type { DlqArchiveResultDto, DlqEntriesDto, DlqFileDto, DlqOverviewDto, DlqRecoveryJobDto, DlqRecoveryStatusDto } from '../shared';
import { fetchJson, swrFetcher, type ConsoleApiError } from './fetch-json';

export const DLQ_URL = '/api/console/dlq';
export const DLQ_RECOVERY_URL = '/api/console/dlq/recovery';

/** The dead letter queue overview (signed files and the rejected area), refreshed on focus and every 30 s. */
export function useDlq() {
  return useSWR<DlqOverviewDto, ConsoleApiError>(DLQ_URL, swrFetcher, { revalidateOnFocus: true, refreshInterval: 30_000 });
}

/** URL of one page of a file's entries (`q`: server-side search). */
export function dlqEntriesUrl(file: string, page: number, size: number, q: string): string {
  const p = new URLSearchParams({ file, page: String(page), size: String(size) });
  if (q !== '') p.set('q', q);
  return `/api/console/dlq/entries?${p.toString()}`;
}

/** One page of a DLQ file's entries; `file` null fetches nothing. */
export function useDlqEntries(file: string | null, page: number, size: number, q: string) {
  return useSWR<DlqEntriesDto, ConsoleApiError>(file === null ? null : dlqEntriesUrl(file, page, size, q), swrFetcher, { revalidateOnFocus: true, keepPreviousData: true });
}

/** The running (or last) recovery: polled every second while one runs. */
export function useDlqRecovery() {
  return useSWR<DlqRecoveryStatusDto, ConsoleApiError>(DLQ_RECOVERY_URL, swrFetcher, {
    revalidateOnFocus: true,
    refreshInterval: (data) => (data?.job?.state === 'running' ? 1_000 : 0),
  });
}

/** Starts recovering the DLQ's signed logs in the background: the given files (at their listed versions), or all of them. */
export function startDlqRecovery(files?: readonly Pick<DlqFileDto, 'relPath' | 'version'>[]): Promise<DlqRecoveryJobDto> {
  return fetchJson<DlqRecoveryJobDto>('/api/console/dlq/recover', { method: 'POST', body: files === undefined ? {} : { files: files.map((f) => ({ relPath: f.relPath, version: f.version })) } });
}

/** Moves one DLQ file (at its listed version) into its `archive_dlq` folder. */
export function archiveDlqFile(file: Pick<DlqFileDto, 'relPath' | 'version'>): Promise<DlqArchiveResultDto> {
  return fetchJson<DlqArchiveResultDto>('/api/console/dlq/archive', { method: 'POST', body: { file: file.relPath, version: file.version } });
}

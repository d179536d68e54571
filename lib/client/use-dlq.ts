import useSWR from 'swr';
import type { DlqOverviewDto, DlqRecoverReportDto } from '../shared';
import { fetchJson, swrFetcher, type ConsoleApiError } from './fetch-json';

export const DLQ_URL = '/api/console/dlq';

/** The dead letter queue overview (signed files and the rejected area), refreshed on focus. */
export function useDlq() {
  return useSWR<DlqOverviewDto, ConsoleApiError>(DLQ_URL, swrFetcher, { revalidateOnFocus: true });
}

/** Recovers the DLQ's signed logs: the given files (relPaths), or all of them. */
export function recoverDlq(files?: readonly string[]): Promise<DlqRecoverReportDto> {
  return fetchJson<DlqRecoverReportDto>('/api/console/dlq/recover', { method: 'POST', body: files === undefined ? {} : { files } });
}

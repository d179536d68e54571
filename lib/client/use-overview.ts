import useSWR from 'swr';
import type { OverviewDto } from '../shared';
import { swrFetcher, type ConsoleApiError } from './fetch-json';

export const OVERVIEW_URL = '/api/console/overview';

/** How often the Overview page refreshes: the server samples its metrics every 10 s. */
export const OVERVIEW_REFRESH_MS = 10_000;

/**
 * Health, metrics history and alerts; live (refreshed every 10 s and on focus).
 * @param initial the server's answer rendered with the page (SWR `fallbackData`), if any.
 */
export function useOverview(initial?: OverviewDto) {
  return useSWR<OverviewDto, ConsoleApiError>(OVERVIEW_URL, swrFetcher, { refreshInterval: OVERVIEW_REFRESH_MS, revalidateOnFocus: true, ...(initial === undefined ? {} : { fallbackData: initial }) });
}

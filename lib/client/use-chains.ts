import useSWR from 'swr';
import type { ChainDetailDto, ChainsListDto } from '../shared';
import { swrFetcher, type ConsoleApiError } from './fetch-json';

export const CHAINS_URL = '/api/console/chains';
/** How often the Blockchains pages refresh while open (live pages: heads and rates move). */
export const CHAINS_REFRESH_MS = 5_000;

/** The URL of one chain's detail. */
export function chainDetailUrl(chain: string, logs?: number): string {
  const q = new URLSearchParams({ chain });
  if (logs !== undefined) q.set('logs', String(logs));
  return `${CHAINS_URL}/detail?${q.toString()}`;
}

/** Every blockchain, refreshed every few seconds and on focus. */
export function useChains() {
  return useSWR<ChainsListDto, ConsoleApiError>(CHAINS_URL, swrFetcher, { refreshInterval: CHAINS_REFRESH_MS, revalidateOnFocus: true });
}

/**
 * One blockchain (null `chain`: nothing is fetched, e.g. for a name the page already refused),
 * refreshed every few seconds and on focus (so a chain that receives its first log appears). An
 * unknown chain is a ConsoleApiError with status 404; errors are retried early only for 5xx.
 */
export function useChainDetail(chain: string | null, logs?: number) {
  return useSWR<ChainDetailDto, ConsoleApiError>(chain === null ? null : chainDetailUrl(chain, logs), swrFetcher, {
    refreshInterval: CHAINS_REFRESH_MS,
    revalidateOnFocus: true,
    shouldRetryOnError: (err: ConsoleApiError) => err.status >= 500,
  });
}

import useSWR from 'swr';
import type { VerificationMode, VerificationOverviewDto, VerificationReportDto, VerificationReportPageDto, VerificationRunDto } from '../shared';
import { fetchJson, swrFetcher, type ConsoleApiError } from './fetch-json';

export const VERIFICATION_URL = '/api/console/verification';

/** Runs (live: every second while one is running, else every 10 s) and the chains one can verify. */
export function useVerificationOverview() {
  return useSWR<VerificationOverviewDto, ConsoleApiError>(VERIFICATION_URL, swrFetcher, {
    revalidateOnFocus: true,
    refreshInterval: (data) => (data?.runs.some((r) => r.state === 'running') === true ? 1000 : 10_000),
  });
}

/** The URL of one page of the report history (optionally one chain's). */
export function verificationReportsUrl(chain: string, page: number, size: number): string {
  const q = new URLSearchParams();
  if (chain !== '') q.set('chain', chain);
  q.set('page', String(page));
  q.set('size', String(size));
  return `${VERIFICATION_URL}/reports?${q.toString()}`;
}

/** One page of the report history, newest first. */
export function useVerificationReports(chain: string, page: number, size: number) {
  return useSWR<VerificationReportPageDto, ConsoleApiError>(verificationReportsUrl(chain, page, size), swrFetcher, { keepPreviousData: true, revalidateOnFocus: true });
}

/** One report (null id: nothing fetched). */
export function useVerificationReport(id: string | null) {
  return useSWR<VerificationReportDto, ConsoleApiError>(id === null ? null : `${VERIFICATION_URL}/report?${new URLSearchParams({ id }).toString()}`, swrFetcher, { revalidateOnFocus: false });
}

/**
 * Starts a run with the iteration-0 key file's text: sent once in this request's body, never
 * kept by the page after it (the caller drops its copy).
 */
export function startVerification(input: { chain: string; mode: VerificationMode; keyFile: string; fileName?: string }): Promise<VerificationRunDto> {
  return fetchJson<VerificationRunDto>(`${VERIFICATION_URL}/start`, { method: 'POST', body: input });
}

export function cancelVerification(runId: string): Promise<VerificationRunDto> {
  return fetchJson<VerificationRunDto>(`${VERIFICATION_URL}/cancel`, { method: 'POST', body: { runId } });
}

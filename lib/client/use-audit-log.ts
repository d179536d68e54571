import useSWR from 'swr';
import type { AuditPageDto } from '../shared';
import { swrFetcher, type ConsoleApiError } from './fetch-json';

export interface AuditFilters {
  readonly user?: string;
  readonly action?: string;
  readonly outcome?: string;
  /** ISO timestamps. */
  readonly from?: string;
  readonly to?: string;
}

/** The URL of one audit page; empty filters are left out (the API refuses empty values). */
export function auditLogUrl(filters: AuditFilters, page: number, size: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (typeof v === 'string' && v !== '') q.set(k, v);
  q.set('page', String(page));
  q.set('size', String(size));
  return `/api/console/audit?${q.toString()}`;
}

/** One page of the audit log, newest first; SWR keeps the previous page while the next loads. */
export function useAuditLog(filters: AuditFilters, page: number, size: number) {
  return useSWR<AuditPageDto, ConsoleApiError>(auditLogUrl(filters, page, size), swrFetcher, { keepPreviousData: true, revalidateOnFocus: true });
}

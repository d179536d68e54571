import useSWR from 'swr';
import type { AcknowledgeRangeResultDto, AcknowledgeResultDto, CorruptionsOverviewDto } from '../shared';
import { fetchJson, swrFetcher, type ConsoleApiError } from './fetch-json';

export const CORRUPTIONS_URL = '/api/console/corruptions';

/** Open and acknowledged corruptions, refreshed on focus and every 30 s (verifications run elsewhere too). */
export function useCorruptions() {
  return useSWR<CorruptionsOverviewDto, ConsoleApiError>(CORRUPTIONS_URL, swrFetcher, { revalidateOnFocus: true, refreshInterval: 30_000 });
}

/**
 * Reads a key file the auditor picked, as base64 for one request. The bytes are wiped once
 * encoded; the string is sent once and not kept by this module.
 */
export async function readKeyFileForUpload(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary);
  } finally {
    bytes.fill(0);
  }
}

export interface AcknowledgeForm {
  readonly description: string;
  readonly reason: string;
  /** The key file, base64 (readKeyFileForUpload). */
  readonly keyFile: string;
}

/** Acknowledges one corruption (auditors). */
export function acknowledgeCorruption(corruptionId: string, form: AcknowledgeForm): Promise<AcknowledgeResultDto> {
  return fetchJson<AcknowledgeResultDto>(`${CORRUPTIONS_URL}/acknowledge`, { method: 'POST', body: { corruptionId, ...form } });
}

/** Acknowledges every corruption of `chain` signed in [from, to) (ISO times; auditors). */
export function acknowledgeCorruptionRange(range: { chain: string; from: string; to: string }, form: AcknowledgeForm): Promise<AcknowledgeRangeResultDto> {
  return fetchJson<AcknowledgeRangeResultDto>(`${CORRUPTIONS_URL}/acknowledge-range`, { method: 'POST', body: { ...range, ...form } });
}

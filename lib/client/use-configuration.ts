import useSWR from 'swr';
import type { ConfigurationDto, SaveFieldsResultDto } from '../shared';
import { fetchJson, swrFetcher, type ConsoleApiError } from './fetch-json';

export const CONFIGURATION_URL = '/api/console/configuration';

/**
 * The signed fields and retention policies. Not revalidated on focus: the editor's version token
 * must stay the one the edit started from (a changed file is reported by the save, 409).
 */
export function useConfiguration() {
  return useSWR<ConfigurationDto, ConsoleApiError>(CONFIGURATION_URL, swrFetcher, { revalidateOnFocus: false });
}

/** Saves `include_fields`, based on the file version the page loaded. */
export function saveSignedFields(includeFields: readonly string[], version: string): Promise<SaveFieldsResultDto> {
  return fetchJson<SaveFieldsResultDto>(`${CONFIGURATION_URL}/fields`, { method: 'PUT', body: { includeFields, version } });
}

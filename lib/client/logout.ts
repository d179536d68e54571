import type { LogoutDto } from '../shared';
import { fetchJson } from './fetch-json';

/**
 * Logs out of the console AND the identity provider: the server deletes the session cookie and
 * answers the IdP's end-session URL (with id_token_hint), which the browser then visits. When the
 * session is already gone (401), the local logged-out page is enough.
 */
export async function logout(): Promise<void> {
  let url = '/logged-out';
  try {
    url = (await fetchJson<LogoutDto>('/api/console/logout', { method: 'POST', body: {} })).url;
  } catch {
    // Already signed out or server unreachable: the logged-out page offers to sign in again.
  }
  window.location.assign(url);
}

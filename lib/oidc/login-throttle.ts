// Brute-force protection of the embedded provider's login form, after Keycloak's "brute force
// detection" defaults: after 5 consecutive failures for a username, further attempts for it are
// refused without checking the password for a wait that doubles (30 s, 60 s, ... at most 15 min).
// The answer stays the generic "Invalid username or password." so a lockout reveals nothing about
// whether the user exists. In memory: a restart forgets (as the provider's sessions do).

const FREE_FAILURES = 5;
const BASE_WAIT_MS = 30_000;
const MAX_WAIT_MS = 15 * 60_000;
/** Bounded memory: the oldest entries go first when an attacker sprays usernames. */
const MAX_TRACKED = 10_000;

interface Entry {
  failures: number;
  lockedUntil: number;
}

export interface LoginThrottle {
  /** True when `username` may try a password now. */
  allowed(username: string): boolean;
  /** Records the outcome of a password check. */
  record(username: string, ok: boolean): void;
}

export function createLoginThrottle(now: () => number = Date.now): LoginThrottle {
  const entries = new Map<string, Entry>();
  return {
    allowed: (username) => (entries.get(username)?.lockedUntil ?? 0) <= now(),
    record(username, ok) {
      if (ok) {
        entries.delete(username);
        return;
      }
      const e = entries.get(username) ?? { failures: 0, lockedUntil: 0 };
      e.failures += 1;
      if (e.failures >= FREE_FAILURES) e.lockedUntil = now() + Math.min(MAX_WAIT_MS, BASE_WAIT_MS * 2 ** (e.failures - FREE_FAILURES));
      entries.delete(username);
      entries.set(username, e);
      if (entries.size > MAX_TRACKED) entries.delete(entries.keys().next().value as string);
    },
  };
}

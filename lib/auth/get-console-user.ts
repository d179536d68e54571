import { getConsoleContext } from './console-context';
import { readSessionToken, toConsoleUser, type ConsoleUser } from './session-token';

/**
 * The signed-in user of the current request, for Server Components (the console layout and
 * pages): null without a valid session. Throws nothing for bad cookies.
 * Only callable during a Next.js request (it reads next/headers).
 */
export async function getConsoleUser(): Promise<{ user: ConsoleUser | null; serving: boolean }> {
  // Loaded lazily: `signet serve` imports lib/auth before Next.js starts, and next/headers creates
  // its AsyncLocalStorage at load time — loaded that early it gets Next's "not available" stand-in
  // and every request fails with "Invariant: AsyncLocalStorage accessed in runtime where it is not
  // available".
  const { cookies, headers } = await import('next/headers');
  const ctx = getConsoleContext();
  if (ctx === null) return { user: null, serving: false };
  const jar = await cookies();
  const token = await readSessionToken(ctx, { cookies: new Map(jar.getAll().map((c) => [c.name, c.value])), headers: Object.fromEntries(await headers()) });
  return { user: token === null ? null : toConsoleUser(ctx, token), serving: true };
}

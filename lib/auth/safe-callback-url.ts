// `callbackUrl` arrives from the address bar (attacker-controlled): only same-origin paths are
// kept, so a crafted link cannot turn the login into an open redirect (CWE-601).

/** A same-origin absolute path from `value`, or `fallback`. */
export function safeCallbackPath(value: unknown, publicUrl: string, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return fallback;
  let base: URL;
  try {
    base = new URL(`${publicUrl}/`);
  } catch {
    return fallback;
  }
  // Refuse scheme-relative (`//evil`), backslash tricks (`/\evil`) and control characters before
  // URL parsing normalises them away.
  if (!value.startsWith('/') && !value.startsWith(base.origin)) return fallback;
  if (/^\/[\\/]/.test(value) || value.includes('\\') || [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return fallback;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin) return fallback;
  // The login machinery itself is never a destination (loops).
  if (url.pathname.startsWith('/api/') || url.pathname === '/login' || url.pathname === '/logout' || url.pathname === '/logged-out') return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

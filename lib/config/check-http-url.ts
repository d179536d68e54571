/**
 * Checks an http(s) URL for a server setting and returns it without a trailing slash, or an
 * error message. Credentials in the URL are refused: they would be printed wherever the URL is
 * (logs, `config show`); they belong in a secret setting. `echo` = false keeps the value out of
 * the message for URLs that may carry such credentials.
 */
export function checkHttpUrl(value: string, echo: boolean): { ok: true; url: string } | { ok: false; message: string } {
  const shown = echo ? `, got ${JSON.stringify(value)}` : '';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, message: `expected an http:// or https:// URL${shown}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: `expected an http:// or https:// URL${shown}` };
  if (url.username !== '' || url.password !== '') return { ok: false, message: 'must not contain credentials (user:password@); configure them separately' };
  if (url.search !== '' || url.hash !== '') return { ok: false, message: `must not have a query or fragment${shown}` };
  return { ok: true, url: url.href.replace(/\/+$/, '') };
}

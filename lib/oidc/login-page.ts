// The embedded provider's HTML: the login form (Keycloak's element ids `username`, `password`,
// `kc-login`, `input-error`, so tests and password managers treat it like Keycloak's), the
// auto-submitted logout confirmation and the error page. Everything interpolated is escaped;
// pages are sent with a CSP that allows no script except the one nonce'd logout submit.

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font-family:Inter,system-ui,sans-serif;background:#f7f8fc;color:#1d2a3e;margin:0}
main{max-width:360px;margin:10vh auto;background:#fff;border:1px solid #d3dae6;border-radius:6px;padding:32px}
h1{font-size:20px;margin:0 0 4px}p.realm{color:#69707d;margin:0 0 24px;font-size:14px}
label{display:block;font-size:12px;font-weight:600;margin:16px 0 4px}
input{box-sizing:border-box;width:100%;padding:8px;border:1px solid #c9d1de;border-radius:4px;font-size:14px}
button{margin-top:24px;width:100%;padding:10px;border:0;border-radius:4px;background:#0b64dd;color:#fff;font-weight:600;font-size:14px;cursor:pointer}
.alert{background:#fdf0ee;border-left:3px solid #bd271e;padding:8px 12px;font-size:14px;margin-bottom:8px}`;

/** Security headers for every HTML page of the provider. */
export function pageHeaders(nonce?: string): Record<string, string> {
  const script = nonce === undefined ? "script-src 'none'" : `script-src 'nonce-${nonce}'`;
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; ${script}; form-action 'self' http: https:; frame-ancestors 'none'; base-uri 'none'`,
  };
}

function page(title: string, body: string, script = ''): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main>${script}</body></html>`;
}

/** The login form posting to `action`; `error` is shown above it (Keycloak's wording). */
export function renderLoginPage(o: { action: string; realm: string; username?: string; error?: string }): string {
  const error = o.error === undefined ? '' : `<div class="alert" id="input-error" role="alert" aria-live="polite">${escapeHtml(o.error)}</div>`;
  return page(
    `Sign in to ${o.realm}`,
    `<h1 id="kc-page-title">Sign in to your account</h1><p class="realm">Signet · realm ${escapeHtml(o.realm)}</p>${error}
<form id="kc-form-login" method="post" action="${escapeHtml(o.action)}" autocomplete="on">
<label for="username">Username</label><input id="username" name="username" type="text" autocomplete="username" autofocus required maxlength="64" value="${escapeHtml(o.username ?? '')}" aria-invalid="${o.error === undefined ? 'false' : 'true'}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024" aria-invalid="${o.error === undefined ? 'false' : 'true'}">
<button id="kc-login" name="login" type="submit">Sign In</button></form>`,
  );
}

/**
 * RP-initiated logout: oidc-provider asks for confirmation in a form. Keycloak logs out without
 * asking when the request carries a valid id_token_hint (Signet's logout always does), so the
 * form is submitted at once; without script it still works with one click.
 */
export function renderLogoutPage(form: string, nonce: string): string {
  return page(
    'Signing out',
    `<h1>Signing out…</h1>${form}<button id="kc-logout" type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>`,
    `<script nonce="${nonce}">document.getElementById('kc-logout').click();</script>`,
  );
}

export function renderMessagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}

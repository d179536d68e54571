import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { pageHeaders, renderLoginPage, renderMessagePage } from './login-page';
import type { LoginThrottle } from './login-throttle';
import type { UserStore } from './user-store';

// The provider's interaction endpoint (`<realm>/login-actions/<uid>`): the login form and its
// password check. oidc-provider's dev interactions accept any password, so they are off; this is
// the only place a user proves who they are.

/** A login form is tiny; anything larger is refused before it is buffered. */
const MAX_FORM_BYTES = 4096;
export const LOGIN_FAILED = 'Invalid username or password.';

async function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return null;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, pageHeaders());
  res.end(html);
}

export interface LoginActionsOptions {
  readonly provider: Provider;
  readonly users: UserStore;
  readonly realm: string;
  readonly realmPath: string;
  readonly throttle: LoginThrottle;
  /** Called after every password check (audit trail of the IdP side). */
  readonly onLogin?: (event: { username: string; ok: boolean }) => void;
}

/** Handles GET/POST `<realmPath>/login-actions/<uid>`. */
export async function handleLoginAction(o: LoginActionsOptions, req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
  let details;
  try {
    details = await o.provider.interactionDetails(req, res);
  } catch {
    // Expired or foreign interaction (cookie missing): start again from the console.
    send(res, 400, renderMessagePage('Sign-in expired', 'This sign-in page has expired. Go back to the console and sign in again.'));
    return;
  }
  if (details.uid !== uid) {
    send(res, 400, renderMessagePage('Sign-in expired', 'This sign-in page does not belong to your browser session. Go back to the console and sign in again.'));
    return;
  }
  const action = `${o.realmPath}/login-actions/${details.uid}`;
  if (details.prompt.name !== 'login') {
    // Consent is granted by loadExistingGrant; any other prompt means the request was unusual.
    await o.provider.interactionFinished(req, res, { consent: {} }, { mergeWithLastSubmission: true });
    return;
  }
  if (req.method === 'GET') {
    send(res, 200, renderLoginPage({ action, realm: o.realm }));
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'GET, POST' }).end();
    return;
  }
  const form = await readForm(req);
  if (form === null) {
    send(res, 400, renderMessagePage('Bad request', 'The sign-in form could not be read.'));
    return;
  }
  const username = (form.get('username') ?? '').trim().toLowerCase().slice(0, 64);
  const password = form.get('password') ?? '';
  // A locked-out username gets the same answer as a wrong password, without a password check.
  const user = username === '' || password === '' || !o.throttle.allowed(username) ? null : await o.users.authenticate(username, password);
  o.throttle.record(username, user !== null);
  o.onLogin?.({ username, ok: user !== null });
  if (user === null) {
    // Keycloak answers 200 with the form and a generic error; so do we (no user enumeration).
    send(res, 200, renderLoginPage({ action, realm: o.realm, username, error: LOGIN_FAILED }));
    return;
  }
  await o.provider.interactionFinished(req, res, { login: { accountId: user.id, amr: ['pwd'] } }, { mergeWithLastSubmission: false });
}

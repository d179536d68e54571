import type { z } from 'zod';
import { AuthError } from './auth-error';
import { assertSameOrigin, SAFE_METHODS } from './check-origin';
import { getConsoleContext, type ConsoleContext } from './console-context';
import type { ConsoleRouteDef } from './console-routes';
import { errorResponse, jsonResponse } from './error-response';
import { parseCookieHeader, readSessionToken, toConsoleUser, type ConsoleUser, type SessionToken } from './session-token';

// THE wrapper of every console API route (house style §2.2, dub's withWorkspace): context,
// session (401), origin (403 for cross-site mutations), permission (403), input (400/413), then
// the handler, then error mapping. Route files stay a few lines and cannot forget a step.

/** Console request bodies are small JSON documents. */
export const MAX_CONSOLE_BODY_BYTES = 64 * 1024;

export interface ConsoleRequest<I> {
  readonly input: I;
  readonly user: ConsoleUser;
  readonly session: SessionToken;
  readonly ctx: ConsoleContext;
  readonly req: Request;
}

async function readJsonBody(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_CONSOLE_BODY_BYTES) throw new AuthError('ERR_AUTH_BODY_TOO_LARGE', `the request body exceeds ${MAX_CONSOLE_BODY_BYTES} bytes`);
  const reader = req.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader !== undefined) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_CONSOLE_BODY_BYTES) {
        await reader.cancel();
        throw new AuthError('ERR_AUTH_BODY_TOO_LARGE', `the request body exceeds ${MAX_CONSOLE_BODY_BYTES} bytes`);
      }
      chunks.push(value);
    }
  }
  if (size === 0) return {};
  const type = (req.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new AuthError('ERR_AUTH_BAD_REQUEST', 'the request body must be JSON (content-type: application/json)');
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new AuthError('ERR_AUTH_BAD_REQUEST', 'the request body is not valid JSON');
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * Wraps a console API handler.
 * @param route the route's registry entry (permission and method).
 * @param schema zod schema of the query (GET) or JSON body (other methods).
 * @example export const GET = withConsoleAuth(CONSOLE_ROUTES.auditList, auditQuerySchema, ({ input, ctx }) => ctx.audit.search(input));
 */
export function withConsoleAuth<S extends z.ZodType, O>(
  route: ConsoleRouteDef,
  schema: S,
  handler: (r: ConsoleRequest<z.infer<S>>) => Promise<O | Response>,
): (req: Request) => Promise<Response> {
  return async (req: Request) => {
    const ctx = getConsoleContext();
    if (ctx === null) return errorResponse(new AuthError('ERR_AUTH_NOT_SERVING', "the console's services are not running in this process; start it with `signet serve`"), () => undefined);
    try {
      const session = await readSessionToken(ctx, { cookies: parseCookieHeader(req.headers.get('cookie')), headers: req.headers });
      if (session === null) throw new AuthError('ERR_AUTH_REQUIRED', 'sign in to use the console API (no valid session; it may have expired)');
      if (!SAFE_METHODS.has(req.method)) assertSameOrigin(req, ctx.publicUrl);
      const user = toConsoleUser(ctx, session);
      if (!user.permissions.includes(route.permission)) {
        // A refused attempt to change something is worth an audit record; a refused read is not.
        if (!SAFE_METHODS.has(req.method)) {
          await ctx.audit.append({ user: { name: user.username, roles: user.roles }, action: 'access_denied', target: `${req.method} ${route.path}`, outcome: 'denied' }).catch(() => undefined);
        }
        throw new AuthError('ERR_AUTH_FORBIDDEN', `this needs the "${route.permission}" permission, which your roles (${user.roles.length === 0 ? 'none' : user.roles.join(', ')}) do not grant`);
      }
      const raw = SAFE_METHODS.has(req.method) ? Object.fromEntries(new URL(req.url).searchParams) : await readJsonBody(req);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) throw new AuthError('ERR_AUTH_BAD_REQUEST', `invalid request: ${describeIssues(parsed.error)}`);
      const audited = route.audit;
      if (audited === undefined) {
        const out = await handler({ input: parsed.data, user, session, ctx, req });
        return out instanceof Response ? out : jsonResponse(200, out);
      }
      // Audited action: one record per call, whatever the outcome (the error code, never its text).
      const record = (outcome: 'success' | 'failure', details?: Record<string, string>) =>
        ctx.audit.append({ user: { name: user.username, roles: user.roles }, action: audited, target: route.path, outcome, ...(details ? { details } : {}) }).catch((err: unknown) => ctx.log(`audit: ${audited} by ${user.username} not recorded: ${(err as Error).message}`));
      try {
        const out = await handler({ input: parsed.data, user, session, ctx, req });
        await record('success');
        return out instanceof Response ? out : jsonResponse(200, out);
      } catch (err) {
        await record('failure', { code: typeof (err as { code?: unknown }).code === 'string' ? String((err as { code: string }).code) : 'ERR_INTERNAL' });
        throw err;
      }
    } catch (err) {
      return errorResponse(err, ctx.log);
    }
  };
}

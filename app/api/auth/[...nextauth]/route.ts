import NextAuth from 'next-auth';
import { getAuthOptions, getConsoleContext } from '@/lib/server';

// next-auth's endpoints (signin, callback, session, csrf, signout). The options depend on the
// configuration `signet serve` installed, so the handler is built per request (cheap: the
// options object is memoized).
export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handle(req: Request, context: Ctx): Promise<Response> {
  const ctx = getConsoleContext();
  if (ctx === null) {
    return Response.json({ error: { code: 'ERR_AUTH_NOT_SERVING', message: "the console's services are not running in this process; start it with `signet serve`" } }, { status: 503 });
  }
  try {
    return (await NextAuth(req as never, context as never, getAuthOptions(ctx))) as Response;
  } catch (err) {
    // next-auth throws on requests it cannot parse; never leak its message (it may hold tokens).
    ctx.log(`login: request failed: ${(err as Error).name}`);
    return Response.json({ error: { code: 'ERR_AUTH_BAD_REQUEST', message: 'the login request could not be processed' } }, { status: 400 });
  }
}

export { handle as GET, handle as POST };

import { CONSOLE_ROUTES, withConsoleAuth } from '@/lib/server';
import { emptyQuerySchema, type SessionDto } from '@/lib/shared';

export const dynamic = 'force-dynamic';

/** Who is signed in, with which console roles; any signed-in user. */
export const GET = withConsoleAuth(CONSOLE_ROUTES.session, emptyQuerySchema, async ({ user }): Promise<SessionDto> => ({
  username: user.username,
  roles: user.consoleRoles,
  permissions: user.permissions,
  expiresAt: new Date(user.expiresAt * 1000).toISOString(),
}));

import { z } from 'zod';

/** GET /api/console/session: who is signed in (any signed-in user, even without a role). */
export const emptyQuerySchema = z.strictObject({});

export interface SessionDto {
  readonly username: string;
  /** The console roles the user holds. */
  readonly roles: readonly string[];
  readonly permissions: readonly string[];
  /** ISO time at which the session ends regardless of activity. */
  readonly expiresAt: string;
}

/** POST /api/console/logout: no body. The answer says where the browser goes next. */
export const logoutBodySchema = z.strictObject({});
export interface LogoutDto {
  /** The IdP's end-session URL (with id_token_hint), or the local logged-out page. */
  readonly url: string;
}

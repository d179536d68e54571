import { AppError } from '../errors';

/** Closed codes of the console's access control and API edge. */
export type AuthErrorCode =
  /** No valid session (none, tampered, expired): 401. */
  | 'ERR_AUTH_REQUIRED'
  /** Signed in but the role is missing: 403. */
  | 'ERR_AUTH_FORBIDDEN'
  /** A state-changing request that did not come from the console's own pages: 403. */
  | 'ERR_AUTH_CROSS_SITE'
  /** The request body or query does not match the route's schema: 400. */
  | 'ERR_AUTH_BAD_REQUEST'
  /** The body is larger than the route accepts: 413. */
  | 'ERR_AUTH_BODY_TOO_LARGE'
  /** The console's services are not running in this process (plain `next start`): 503. */
  | 'ERR_AUTH_NOT_SERVING';

const STATUS: Record<AuthErrorCode, number> = {
  ERR_AUTH_REQUIRED: 401,
  ERR_AUTH_FORBIDDEN: 403,
  ERR_AUTH_CROSS_SITE: 403,
  ERR_AUTH_BAD_REQUEST: 400,
  ERR_AUTH_BODY_TOO_LARGE: 413,
  ERR_AUTH_NOT_SERVING: 503,
};

export class AuthError extends AppError<AuthErrorCode> {
  constructor(code: AuthErrorCode, message: string, options: { cause?: unknown } = {}) {
    // 503 is still safe to explain: it says how to start Signet, nothing internal.
    super(code, message, { status: STATUS[code], expose: true, ...options });
  }
}

import { AppError } from '../errors';

/** Closed codes of the embedded OpenID provider and its user store. */
export type OidcErrorCode =
  /** A username, password or role given to `signet users` (or the API) is not acceptable. */
  | 'ERR_OIDC_INPUT'
  /** `users add` for a username that exists. */
  | 'ERR_OIDC_USER_EXISTS'
  /** `users passwd` (or login) for a username that does not exist. */
  | 'ERR_OIDC_NO_USER'
  /** users.json or the signing key file exists but cannot be understood: refuse, never overwrite. */
  | 'ERR_OIDC_STORE_CORRUPT';

export class OidcError extends AppError<OidcErrorCode> {
  constructor(code: OidcErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { status: code === 'ERR_OIDC_STORE_CORRUPT' ? 500 : 400, ...options });
  }
}

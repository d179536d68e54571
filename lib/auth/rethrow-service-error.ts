import { AppError } from '../errors';

// Console services are built by the CLI bundle (`signet serve`) and called from Next.js route
// bundles, each with its own copy of lib/errors: an AppError thrown by a service is not an
// `instanceof AppError` where errorResponse looks at it, and would become a generic 500. Routes
// pass service errors through this, which rebuilds the error from its plain fields (code, status,
// expose, message) in the route's own bundle. Anything without them stays an unknown error (500).

function isAppErrorLike(err: unknown): err is { code: string; status: number; expose: boolean; message: string } {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as Record<string, unknown>;
  return typeof e.code === 'string' && /^ERR_[A-Z0-9_]+$/.test(e.code) && typeof e.status === 'number' && Number.isInteger(e.status) && e.status >= 400 && e.status <= 599 && typeof e.expose === 'boolean' && typeof e.message === 'string';
}

/**
 * Rethrows a service's error as an AppError of this bundle (same code, status, exposure and message).
 * @example await service.start(input, actor).catch(rethrowServiceError)
 */
export function rethrowServiceError(err: unknown): never {
  if (err instanceof AppError || !isAppErrorLike(err)) throw err;
  throw new AppError(err.code, err.message, { status: err.status, expose: err.expose, cause: err });
}

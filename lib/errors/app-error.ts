/**
 * Base class of every error Signet raises on purpose.
 *
 * Each module defines one subclass with a closed union of `ERR_<MODULE>_<WHAT>` codes, so callers
 * can `switch (err.code)` and the HTTP edge can map errors without parsing messages. `expose`
 * says whether `message` may be shown to a client (default: only for 4xx); internal details stay
 * in `cause`, which is never serialized.
 */
/**
 * Brand set on every AppError. `signet serve` runs the console's services from the CLI bundle
 * while Next.js bundles each route separately, so an error thrown by a service is an instance of
 * ANOTHER copy of this class than the one a route imports: `instanceof` fails across bundles.
 * The brand is a global symbol, shared by every copy.
 */
const BRAND = Symbol.for('signet.AppError');

export class AppError<C extends string = string> extends Error {
  readonly code: C;
  readonly status: number;
  readonly expose: boolean;

  constructor(code: C, message: string, options: { status?: number; expose?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status ?? 500;
    this.expose = options.expose ?? this.status < 500;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** True for an AppError from any bundle's copy of this module (see BRAND). */
export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError || (typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[BRAND] === true);
}

/** True when `err` is an AppError carrying `code`. */
export function hasCode<C extends string>(err: unknown, code: C): err is AppError<C> {
  return isAppError(err) && err.code === code;
}

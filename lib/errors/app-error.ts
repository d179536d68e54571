/**
 * Base class of every error Signet raises on purpose.
 *
 * Each module defines one subclass with a closed union of `ERR_<MODULE>_<WHAT>` codes, so callers
 * can `switch (err.code)` and the HTTP edge can map errors without parsing messages. `expose`
 * says whether `message` may be shown to a client (default: only for 4xx); internal details stay
 * in `cause`, which is never serialized.
 */
/**
 * Brand shared by every copy of this module: `signet serve` runs the CLI bundle and Next.js's
 * route bundles in one process, each with its own AppError class, and a service error thrown in
 * one must still be an AppError to the other's error mapping (else it would become a 500).
 */
const APP_ERROR = Symbol.for('signet.app-error');

export class AppError<C extends string = string> extends Error {
  /** `instanceof AppError` holds for AppErrors of any copy of this module; subclasses keep the usual check. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== AppError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[APP_ERROR] === true;
  }

  readonly code: C;
  readonly status: number;
  readonly expose: boolean;

  constructor(code: C, message: string, options: { status?: number; expose?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status ?? 500;
    this.expose = options.expose ?? this.status < 500;
    Object.defineProperty(this, APP_ERROR, { value: true });
  }
}

/** True when `err` is an AppError carrying `code`. */
export function hasCode<C extends string>(err: unknown, code: C): err is AppError<C> {
  return err instanceof AppError && err.code === code;
}

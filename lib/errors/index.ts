/**
 * lib/errors — the error model shared by every module.
 *
 * Contract: pure (no I/O). `AppError` is the base of all deliberate errors; each module adds one
 * subclass with a closed `ERR_*` code union. Unknown errors are never shown to clients verbatim.
 */
export { AppError, hasCode, isAppError } from './app-error';

/**
 * lib/serve — `signet serve`: the composition root.
 *
 * Contract: I/O module. Builds every service from the validated configuration exactly once,
 * installs them for the Next.js route handlers (lib/services.ts), and owns the listener and the
 * shutdown order. No other module constructs services.
 */
export { startSignet, type RunningSignet, type StartOptions } from './start-signet';
export { createHttpServer } from './http-server';
export { ServeError, type ServeErrorCode } from './serve-error';
export { createStatusHandlers, MIN_FREE_DISK_RATIO } from './status-handlers';
export { checkServeFiles } from './check-serve-files';

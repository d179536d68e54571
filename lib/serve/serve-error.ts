import { AppError } from '../errors';

/** Closed codes of lib/serve. */
export type ServeErrorCode =
  /** A `web_server.tls` file cannot be read or used (missing, not PEM, key and certificate do not match). */
  | 'ERR_SERVE_TLS'
  /** The embedded store cannot be started the configured way (e.g. its child entry is not built). */
  | 'ERR_SERVE_EMBEDDED_ES';

/**
 * Start-up problems of `signet serve` that configuration validation cannot see (file contents).
 * Messages name the setting and the file, never a file's content.
 */
export class ServeError extends AppError<ServeErrorCode> {
  constructor(code: ServeErrorCode, message: string, cause?: unknown) {
    super(code, message, { status: 500, expose: false, cause });
  }
}

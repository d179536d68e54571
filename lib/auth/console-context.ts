import type { AuditLog } from '../audit';
import type { DlqOverviewDto, DlqRecoverReportDto } from '../shared';
import { AuthError } from './auth-error';
import type { ConsoleOverviewService } from './console-overview-service';
import type { RoleNames } from './roles';

// What the console's server code (pages, route handlers, proxy.ts, next-auth) needs at request
// time, installed once by `signet serve` (lib/serve) on globalThis: Next.js bundles each route
// separately, so module state is not shared with the CLI bundle, but globalThis is (see
// lib/services.ts). Only plain data and functions cross it.

export interface ConsoleContext {
  /** Origin (+ path) browsers use, no trailing slash: next-auth's NEXTAUTH_URL. */
  readonly publicUrl: string;
  /** OpenID issuer: Keycloak's realm URL, or the embedded provider's. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Key that seals session cookies (next-auth `secret`); ≥ 32 bytes. */
  readonly sessionSecret: string;
  readonly sessionMaxAgeSecs: number;
  readonly roleNames: RoleNames;
  readonly rolesClaim: string;
  readonly clientRoles: boolean;
  /** True when the issuer is the embedded provider (the UI says where users are managed). */
  readonly embeddedIdp: boolean;
  readonly audit: AuditLog;
  /** Server-side log line (never secrets). */
  readonly log: (line: string) => void;
  /** The services behind the console's pages; each is absent when not wired (the route answers 503). */
  readonly services: ConsoleServices;
}

/**
 * The console pages' services, wired by `signet serve` (lib/serve/console-services.ts). One
 * optional field per page area; a route asks for its own with requireConsoleService.
 */
export interface ConsoleServices {
  /** The dead letter queue (lib/dlq-recovery, as `signet dlq list|recover`). */
  readonly dlq?: ConsoleDlqService;
  /** The Overview page: health, metrics history and alerts (lib/serve/console-overview.ts). */
  readonly overview?: ConsoleOverviewService;
}

/** What the console's DLQ page may do: list, and recover (one recovery at a time). */
export interface ConsoleDlqService {
  describe(): Promise<DlqOverviewDto>;
  /** @param files relPaths of signed files; default every signed file. */
  recover(files?: readonly string[]): Promise<DlqRecoverReportDto>;
}

const KEY = Symbol.for('signet.console-context');

export function installConsoleContext(context: ConsoleContext | null): void {
  (globalThis as Record<symbol, unknown>)[KEY] = context;
}

/** The context, or null when this process was not started by `signet serve`. */
export function getConsoleContext(): ConsoleContext | null {
  return ((globalThis as Record<symbol, unknown>)[KEY] as ConsoleContext | undefined) ?? null;
}

/** One of the context's services. @throws {AuthError} `ERR_AUTH_NOT_SERVING` when not wired (503). */
export function requireConsoleService<K extends keyof ConsoleServices>(ctx: ConsoleContext, key: K): NonNullable<ConsoleServices[K]> {
  const service = ctx.services[key];
  if (service === undefined) throw new AuthError('ERR_AUTH_NOT_SERVING', `the console's ${key} service is not available in this process; start the console with \`signet serve\``);
  return service as NonNullable<ConsoleServices[K]>;
}

/** The context's DLQ service. @throws {AuthError} `ERR_AUTH_NOT_SERVING` when not wired (503). */
export function requireConsoleDlq(ctx: ConsoleContext): ConsoleDlqService {
  return requireConsoleService(ctx, 'dlq');
}

import type { AuditLog } from '../audit';
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
}

const KEY = Symbol.for('signet.console-context');

export function installConsoleContext(context: ConsoleContext | null): void {
  (globalThis as Record<symbol, unknown>)[KEY] = context;
}

/** The context, or null when this process was not started by `signet serve`. */
export function getConsoleContext(): ConsoleContext | null {
  return ((globalThis as Record<symbol, unknown>)[KEY] as ConsoleContext | undefined) ?? null;
}

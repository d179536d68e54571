import type { AuditLog } from '../audit';
import type { DlqArchiveInput, DlqArchiveResultDto, DlqEntriesDto, DlqEntriesQuery, DlqOverviewDto, DlqRecoverInput, DlqRecoveryJobDto, DlqRecoveryStatusDto } from '../shared';
import { AuthError } from './auth-error';
import type { ConsoleChainsService } from './console-chains-service';
import type { ConsoleCorruptionsService } from './console-corruptions-service';
import type { ConsoleVerificationService } from './console-verification-service';
import type { ConsoleConfigurationService } from './console-configuration-service';
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
  /** The Blockchains pages (lib/serve/console-chains.ts). */
  readonly chains?: ConsoleChainsService;
  /** Open and acknowledged corruptions; acknowledge one or a time range (lib/verify, as `signet acknowledge[-range]`). */
  readonly corruptions?: ConsoleCorruptionsService;
  /** Verification runs and reports (lib/verify, as `signet verify`). */
  readonly verification?: ConsoleVerificationService;
  /** The signed fields and retention policies (lib/fields-file, lib/serve/signed-fields.ts). */
  readonly configuration?: ConsoleConfigurationService;
  /** The Overview page: health, metrics history and alerts (lib/serve/console-overview.ts). */
  readonly overview?: ConsoleOverviewService;
}

/** What the console's DLQ page may do: list files and their entries, archive a file, recover in the background (one recovery at a time). */
export interface ConsoleDlqService {
  describe(): Promise<DlqOverviewDto>;
  /** One page of a file's entries (server-side paging and search). */
  entries(query: DlqEntriesQuery): Promise<DlqEntriesDto>;
  /** Moves a file into its `archive_dlq` folder. @throws `ERR_DLQ_CHANGED` (409) when the file is not at `version`. */
  archive(input: DlqArchiveInput): Promise<DlqArchiveResultDto>;
  /**
   * Starts a recovery in the background and answers at once (poll `recoveryStatus`).
   * @param files signed files at their listed versions; default every signed file.
   * @throws `ERR_DLQ_RECOVERY_BUSY` (409), `ERR_DLQ_CHANGED` (409), `ERR_DLQ_RECOVERY_INPUT` (400),
   * `ERR_DLQ_RECOVERY_STORE_UNAVAILABLE` (503): nothing started.
   */
  startRecovery(files: DlqRecoverInput['files'], o: { startedBy: string; onFinish?: (job: DlqRecoveryJobDto) => void }): Promise<DlqRecoveryJobDto>;
  recoveryStatus(): Promise<DlqRecoveryStatusDto>;
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

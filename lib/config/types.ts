import type { Secret } from './secret';

// The shape of a loaded configuration. Keys are the camelCased TOML keys; every path is absolute
// (resolved against the base directory at load time); optional settings are `null` when unset,
// never `undefined`, so "not configured" is explicit in printed output.

/** Severity names accepted by `[logger] level` (El Proxy's set). */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** Writes one log line of `signet serve` (info when no level is given; lib/cli service-log.ts filters and formats). */
export type LogLine = (line: string, level?: LogLevel) => void;

export interface LoggerConfig {
  /** The filter as written, lower-cased (`warn,elastic_blockchain_proxy=debug`). */
  readonly level: string;
  /** Level for log targets without their own directive. */
  readonly defaultLevel: LogLevel;
  /** Per-target levels from `target=level` directives. */
  readonly targets: Readonly<Record<string, LogLevel>>;
}

/** Where a credential comes from: inline in the TOML (discouraged) or a file holding it. */
export type SecretSource =
  | { readonly kind: 'inline'; readonly value: Secret }
  | { readonly kind: 'file'; readonly path: string };

export type ClientAuthMode = 'none' | 'optional' | 'required';

export type TlsConfig =
  | { readonly type: 'None' }
  | {
      readonly type: 'PemCertificatePath';
      readonly certificatePath: string;
      readonly privateKeyPath: string;
      /** CA bundle used to verify client certificates (mTLS); null when client_auth is "none". */
      readonly clientCaPath: string | null;
      readonly clientAuth: ClientAuthMode;
    };

export interface WebServerConfig {
  /** `host:port` as configured (`[::1]:3000` for IPv6). */
  readonly address: string;
  /** Host part without brackets, ready for `server.listen`. */
  readonly host: string;
  readonly port: number;
  /** Origin (plus optional path, no trailing slash) that browsers use to reach the console. */
  readonly publicUrl: string;
  /** Request body limit for ingest and the ES-compatible proxy (413 above it). */
  readonly maxBodyBytes: number;
  /** Most bytes of request bodies held at once; beyond it ingest answers 429 (lib/ingest inflight-budget.ts). */
  readonly maxInflightBytes: number;
  /** Serve the ingest paths from the server directly rather than through Next.js routes. */
  readonly ingestDirect: boolean;
  /** Worker threads that parse, route and canonicalize ingest bodies (0: the server's thread). */
  readonly ingestWorkers: number;
  /** On a stop, how long the requests in flight may take to be answered before they are cut off. */
  readonly shutdownGraceMs: number;
  readonly tls: TlsConfig;
}

export type IngestAuthConfig =
  | { readonly type: 'None' }
  | { readonly type: 'BasicAuth'; readonly username: string; readonly password: SecretSource }
  | { readonly type: 'ApiKey'; readonly apiKeysFile: string };

export interface IngestConfig {
  readonly auth: IngestAuthConfig;
}

export type ElasticsearchAuthConfig =
  | { readonly type: 'None' }
  | { readonly type: 'BasicAuth'; readonly username: string; readonly password: SecretSource }
  | { readonly type: 'ApiKey'; readonly apiKey: SecretSource }
  | { readonly type: 'PemCertificatePath'; readonly certificatePath: string; readonly privateKeyPath: string };

export interface ElasticsearchConfig {
  /** External cluster URL (no trailing slash); null = start the embedded store. */
  readonly url: string | null;
  readonly timeoutSecs: number;
  readonly caCertificatePath: string | null;
  readonly auth: ElasticsearchAuthConfig;
}

export interface EmbeddedElasticsearchConfig {
  readonly dataDir: string;
  /** Loopback port; 0 = pick a free port at start-up. */
  readonly port: number;
  readonly maxContentLength: number;
  /** `child`: a child process of `signet serve` (a second core); `inline`: in the same process. */
  readonly process: 'child' | 'inline';
}

/** `[console]`: login to the console (Keycloak, or the embedded OpenID provider). */
export interface ConsoleConfig {
  /** Absolute lifetime of a console session. */
  readonly sessionMaxAgeSecs: number;
  /** Console state: the generated session key, and `idp/` for the embedded provider. */
  readonly dataDir: string;
  /** File with the session-cookie key; null = generated once in `dataDir`. */
  readonly sessionSecretFile: string | null;
  /** The Overview page alerts when a chain's latest verification report is older than this. */
  readonly verificationOverdueHours: number;
  readonly auth: {
    /** Keycloak realm URL (`https://host/realms/<realm>`); null = start the embedded provider. */
    readonly issuer: string | null;
    readonly clientId: string;
    /** Set exactly when `issuer` is set. */
    readonly clientSecret: SecretSource | null;
    /** Dot path of the roles array in the access token (Keycloak: `realm_access.roles`). */
    readonly rolesClaim: string;
    /** Also read `resource_access.<clientId>.roles` (Keycloak client roles). */
    readonly clientRoles: boolean;
    readonly roles: { readonly viewer: string; readonly operator: string; readonly auditor: string };
  };
  /** `dataDir` is `<console.data_dir>/idp` (not a key of its own). */
  readonly embeddedIdp: { readonly port: number; readonly dataDir: string };
}

/** Everything `elastic_blockchain_proxy.toml` (+ `.d/` + `SIGNET_*`) configures. */
export interface MainConfig {
  readonly messageQueueSize: number;
  readonly failureMaxRetries: number;
  readonly failureSleepMsBetweenRetries: number;
  readonly module: string;
  readonly dataDir: string;
  readonly dataBackupDir: string;
  readonly dlqDir: string;
  readonly dlqRecoveredDir: string;
  readonly blockchainStateHistoryDir: string;
  readonly verificationReportsDir: string;
  readonly outboxDir: string;
  /** Least time between two key-file saves of a chain, in ms (0: after every delivery, as El Proxy). */
  readonly keySaveIntervalMs: number;
  /** Most blockchains this instance keeps; logs of a new one beyond it go to the rejected area. */
  readonly maxBlockchains: number;
  readonly logger: LoggerConfig;
  readonly webServer: WebServerConfig;
  readonly ingest: IngestConfig;
  readonly elasticsearch: ElasticsearchConfig;
  readonly embeddedElasticsearch: EmbeddedElasticsearchConfig;
  readonly console: ConsoleConfig;
}

/** `elastic_blockchain_proxy_fields.toml`. */
export interface FieldsConfig {
  /** Dot paths of the fields that are signed, in file order. */
  readonly includeFields: readonly string[];
}

export interface RetentionPolicy {
  readonly name: string;
  /** Days after which the data is deleted; null = never deleted. */
  readonly days: number | null;
}

/** `retention_policies.toml` (+ `retention_policies.d/*.toml`). */
export interface RetentionConfig {
  /** Name of the retention used when a log names none or an unknown one. */
  readonly default: string;
  /** By name. A null-prototype object, so `policies['constructor']` is undefined. */
  readonly policies: Readonly<Record<string, RetentionPolicy>>;
}

/** The whole, validated, deep-frozen configuration returned by `loadConfig`. */
export interface Config extends MainConfig {
  /** Absolute path of the configuration directory that was loaded. */
  readonly configDir: string;
  /** Absolute path of the static configuration directory read below it (El Proxy's `--static-config-dir`); null: none. */
  readonly staticConfigDir: string | null;
  readonly fields: FieldsConfig;
  /** The signed fields a missing elastic_blockchain_proxy_fields.toml means: the static directory's file, else the built-in list. */
  readonly defaultIncludeFields: readonly string[];
  readonly retention: RetentionConfig;
}

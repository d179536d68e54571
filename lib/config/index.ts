/**
 * lib/config — Signet's configuration: El Proxy's files plus SIGNET_* environment overrides,
 * one schema, validated once at start-up.
 *
 * Contract:
 * - I/O: reads the configuration directory (elastic_blockchain_proxy.toml and .d/,
 *   elastic_blockchain_proxy_fields.toml, retention_policies.toml and .d/) and the environment.
 *   It is the only module allowed to read `process.env`, and even here only as a default
 *   parameter, so callers and tests inject the environment. It never writes and never prints.
 * - `loadConfig` returns a deep-frozen, camelCased `Config` with absolute paths, or throws ONE
 *   `ConfigError` whose message and `problems` list every problem with its source (file + key,
 *   or env var). Unknown keys and unknown SIGNET_* variables are problems, not ignored.
 * - Secrets are `Secret` values that print as "[redacted]"; credentials preferably come from
 *   files (`readSecret`). `publicConfig` is the whitelist of what may reach the browser;
 *   `redactConfig` is the printable form.
 * - Precedence, env syntax and every key with its default: lib/config/README.md.
 */
export { DEFAULT_INCLUDE_FIELDS } from './default-include-fields';
export { loadConfig, loadFieldsConfig } from './load-config';
export { configSources, type ConfigSource } from './config-sources';
export type { LoadConfigOptions } from './load-config';
export { resolveConfigDir, resolveStaticConfigDir, DEFAULT_CONFIG_DIR } from './resolve-config-dir';
export { ConfigError, formatProblem } from './config-error';
export type { ConfigErrorCode, ConfigProblem } from './config-error';
export { validateIncludeFields, checkFieldPath } from './validate-include-fields';
export type { FieldProblem } from './validate-include-fields';
export { checkRetentionName } from './retention-schema';
export { publicConfig } from './public-config';
export type { PublicConfig } from './public-config';
export { redactConfig } from './redact-config';
export type { Redacted } from './redact-config';
export { othersMayWrite, readSecret } from './read-secret';
export { setNextAuthUrl } from './set-next-auth-url';
export { Secret } from './secret';
export { NON_CONFIG_ENV_VARS } from './env-overrides';
export type { Env } from './env-overrides';
export { FIELDS_FILE, MAIN_FILE, RETENTION_FILE } from './config-files';
export type {
  ClientAuthMode,
  Config,
  ConsoleConfig,
  ElasticsearchAuthConfig,
  ElasticsearchConfig,
  EmbeddedElasticsearchConfig,
  FieldsConfig,
  IngestAuthConfig,
  IngestConfig,
  LoggerConfig,
  LogLevel,
  LogLine,
  MainConfig,
  RetentionConfig,
  RetentionPolicy,
  SecretSource,
  TlsConfig,
  WebServerConfig,
} from './types';

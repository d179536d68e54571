import type { ClientAuthMode, Config } from './types';

/**
 * What the browser may know about the configuration. An explicit whitelist (Kibana's
 * exposeToBrowser idea): a new Config key stays server-side until someone adds it here on
 * purpose. No filesystem paths, no credentials or credential locations, no upstream URLs.
 */
export interface PublicConfig {
  readonly module: string;
  readonly messageQueueSize: number;
  readonly failureMaxRetries: number;
  readonly failureSleepMsBetweenRetries: number;
  readonly webServer: {
    readonly publicUrl: string;
    readonly maxBodyBytes: number;
    readonly tls: boolean;
    readonly clientAuth: ClientAuthMode;
  };
  readonly ingest: { readonly authType: Config['ingest']['auth']['type'] };
  readonly elasticsearch: { readonly mode: 'embedded' | 'external' };
  readonly fields: { readonly includeFields: readonly string[] };
  readonly retention: {
    readonly default: string;
    /** Sorted by days, "never deleted" (days null) last. */
    readonly policies: readonly { readonly name: string; readonly days: number | null }[];
  };
}

/** Builds the browser-safe view of `config` as a fresh plain object (JSON-serialisable). */
export function publicConfig(config: Config): PublicConfig {
  const tls = config.webServer.tls;
  return {
    module: config.module,
    messageQueueSize: config.messageQueueSize,
    failureMaxRetries: config.failureMaxRetries,
    failureSleepMsBetweenRetries: config.failureSleepMsBetweenRetries,
    webServer: {
      publicUrl: config.webServer.publicUrl,
      maxBodyBytes: config.webServer.maxBodyBytes,
      tls: tls.type !== 'None',
      clientAuth: tls.type === 'None' ? 'none' : tls.clientAuth,
    },
    ingest: { authType: config.ingest.auth.type },
    elasticsearch: { mode: config.elasticsearch.url === null ? 'embedded' : 'external' },
    fields: { includeFields: [...config.fields.includeFields] },
    retention: {
      default: config.retention.default,
      policies: Object.values(config.retention.policies)
        .map((p) => ({ name: p.name, days: p.days }))
        .sort((a, b) => (a.days ?? Infinity) - (b.days ?? Infinity) || (a.name < b.name ? -1 : 1)),
    },
  };
}

import { z } from 'zod';
import { checkHttpUrl } from '../check-http-url';
import { parseListenAddress } from '../parse-listen-address';
import { checkedString, enumSchema, intSchema, pathSchema, withRules } from '../schema-kit';
import type { SchemaContext } from '../schema-kit';
import type { TlsConfig, WebServerConfig } from '../types';

// `[web_server]` and `[web_server.tls]` (El Proxy reference §4.2), plus Signet's public_url,
// max_body_bytes and optional client-certificate auth for ingest.

/** 100 MiB, Elasticsearch's default http.max_content_length: a batch ES accepts, we accept. */
export const DEFAULT_MAX_BODY_BYTES = 100 * 1024 * 1024;
/** Elasticsearch caps http.max_content_length at 2 GiB - 1 (a Java int). */
export const MAX_BODY_BYTES_LIMIT = 2 ** 31 - 1;
/**
 * Default bound on the request bodies held at once (lib/ingest inflight-budget.ts): five batches
 * of the largest size, or `max_body_bytes` when that is larger, so one request always fits.
 */
export const DEFAULT_MAX_INFLIGHT_BYTES = 512 * 1024 * 1024;
export const MAX_INFLIGHT_BYTES_LIMIT = 2 ** 40;

/**
 * Serve `/api/log` and `/api/log_batch` from the server itself instead of through Next.js route
 * handlers (same handler code either way). The default follows `npm run bench:ingest`: the
 * Next.js route layer cost about 20% of ingest throughput and of the CPU time per log (issue 4:
 * direct when over 10%).
 */
export const DEFAULT_INGEST_DIRECT = true;

/**
 * Worker threads that parse ingest bodies, read EBP_METADATA and canonicalize the signed fields,
 * so that the server's thread keeps only the work that must run in order (key chain, MACs,
 * outbox, store). One suits two cores (`npm run bench:ingest`); 0 does it all on the server's thread.
 */
export const DEFAULT_INGEST_WORKERS = 1;

/**
 * How long a stop (SIGTERM/SIGINT) waits for the requests in flight to be answered before it cuts
 * them off (lib/http graceful-close.ts): under systemd's default TimeoutStopSec (90 s), and long
 * enough for a batch to ride out a few of the store's retries.
 */
export const DEFAULT_SHUTDOWN_GRACE_MS = 30_000;
export const MAX_SHUTDOWN_GRACE_MS = 600_000;
export const MAX_INGEST_WORKERS = 64;

const PEM = 'PemCertificatePath';

function tlsSection(ctx: SchemaContext) {
  const shape = z.strictObject({
    type: enumSchema(['None', PEM]).prefault('None'),
    certificate_path: pathSchema(ctx).optional(),
    private_key_path: pathSchema(ctx).optional(),
    client_ca_path: pathSchema(ctx).optional(),
    client_auth: enumSchema(['none', 'optional', 'required']).prefault('none'),
  });
  return withRules(shape, (v, report) => {
    // Keys of the other variant are ignored rather than refused, so that switching `type` from
    // an override (SIGNET_WEB_SERVER__TLS__TYPE=None) does not require deleting paths.
    if (v.type === PEM) {
      for (const key of ['certificate_path', 'private_key_path']) {
        if (v[key] === undefined) report([key], `is required when type = "${PEM}"`, ['type']);
      }
    }
    // An invalid client_auth is already reported; judge only the valid modes.
    const clientAuth = v.client_auth;
    if (clientAuth === 'optional' || clientAuth === 'required') {
      // Never silently drop client-certificate auth: that would open ingest to anyone.
      if (v.type !== PEM) report(['client_auth'], `client certificates need type = "${PEM}"`, ['type']);
      if (v.client_ca_path === undefined) report(['client_ca_path'], `is required when client_auth = ${JSON.stringify(clientAuth)}`, ['client_auth']);
    } else if (clientAuth === 'none' && v.client_ca_path !== undefined) {
      report(['client_auth'], 'client_ca_path is set but client_auth = "none"; set "optional" or "required"', ['client_ca_path']);
    }
  }).transform((v): TlsConfig => {
    if (v.type === 'None' || v.certificate_path === undefined || v.private_key_path === undefined) return { type: 'None' };
    return {
      type: PEM,
      certificatePath: v.certificate_path,
      privateKeyPath: v.private_key_path,
      clientCaPath: v.client_ca_path ?? null,
      clientAuth: v.client_auth,
    };
  });
}

export function webServerSection(ctx: SchemaContext) {
  const shape = z.strictObject({
      address: checkedString((value) => {
        const parsed = parseListenAddress(value);
        return parsed.ok ? null : parsed.message;
      }).prefault('127.0.0.1:3000'),
      public_url: checkedString((value) => {
        const checked = checkHttpUrl(value, true);
        return checked.ok ? null : checked.message;
      }).prefault('http://localhost:3000'),
      max_body_bytes: intSchema(1, MAX_BODY_BYTES_LIMIT).prefault(DEFAULT_MAX_BODY_BYTES),
      max_inflight_bytes: intSchema(1, MAX_INFLIGHT_BYTES_LIMIT).optional(),
      ingest_direct: z.boolean({ error: 'expected true or false' }).prefault(DEFAULT_INGEST_DIRECT),
      ingest_workers: intSchema(0, MAX_INGEST_WORKERS).prefault(DEFAULT_INGEST_WORKERS),
      shutdown_grace_ms: intSchema(0, MAX_SHUTDOWN_GRACE_MS).prefault(DEFAULT_SHUTDOWN_GRACE_MS),
      tls: tlsSection(ctx).prefault({}),
    });
  return withRules(shape, (v, report) => {
    // A bound below one request's largest body would refuse such a request forever (429 after 429).
    const inflight = v.max_inflight_bytes, maxBody = v.max_body_bytes;
    if (typeof inflight === 'number' && typeof maxBody === 'number' && inflight < maxBody) {
      report(['max_inflight_bytes'], `must be at least max_body_bytes (${maxBody}), got ${inflight}`, ['max_body_bytes']);
    }
  }).transform((v): WebServerConfig => {
      const address = parseListenAddress(v.address);
      const publicUrl = checkHttpUrl(v.public_url, true);
      // Unreachable: both were checked by the refinements above.
      if (!address.ok || !publicUrl.ok) throw new TypeError('web_server: unchecked value');
      return {
        address: v.address,
        host: address.host,
        port: address.port,
        publicUrl: publicUrl.url,
        maxBodyBytes: v.max_body_bytes,
        maxInflightBytes: v.max_inflight_bytes ?? Math.max(DEFAULT_MAX_INFLIGHT_BYTES, v.max_body_bytes),
        ingestDirect: v.ingest_direct,
        ingestWorkers: v.ingest_workers,
        shutdownGraceMs: v.shutdown_grace_ms,
        tls: v.tls,
      };
    });
}

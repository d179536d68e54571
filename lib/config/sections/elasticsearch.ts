import { z } from 'zod';
import { checkHttpUrl } from '../check-http-url';
import { checkedString, enumSchema, intSchema, pathSchema, secretSchema, stringSchema, withRules } from '../schema-kit';
import type { SchemaContext } from '../schema-kit';
import type { ElasticsearchAuthConfig, ElasticsearchConfig } from '../types';
import { requireOneSecretSource, toSecretSource } from './secret-source';

// `[elasticsearch]` and `[elasticsearch.auth]` (El Proxy reference §4.2, plus ApiKey). With no
// url, `signet serve` starts the embedded store; every setting here is about an external cluster.

const PEM = 'PemCertificatePath';

function elasticsearchAuthSection(ctx: SchemaContext) {
  const shape = z.strictObject({
    type: enumSchema(['None', 'BasicAuth', 'ApiKey', PEM]).prefault('None'),
    username: stringSchema().optional(),
    password: secretSchema().optional(),
    password_file: pathSchema(ctx).optional(),
    api_key: secretSchema().optional(),
    api_key_file: pathSchema(ctx).optional(),
    certificate_path: pathSchema(ctx).optional(),
    private_key_path: pathSchema(ctx).optional(),
  });
  return withRules(shape, (v, report) => {
    if (v.type === 'BasicAuth') {
      if (v.username === undefined) report(['username'], 'is required when type = "BasicAuth"', ['type']);
      requireOneSecretSource(v, report, 'password', 'password_file', 'type = "BasicAuth"');
    } else if (v.type === 'ApiKey') {
      requireOneSecretSource(v, report, 'api_key', 'api_key_file', 'type = "ApiKey"');
    } else if (v.type === PEM) {
      for (const key of ['certificate_path', 'private_key_path']) {
        if (v[key] === undefined) report([key], `is required when type = "${PEM}"`, ['type']);
      }
    }
  }).transform((v): ElasticsearchAuthConfig => {
    if (v.type === 'BasicAuth' && v.username !== undefined) {
      return { type: 'BasicAuth', username: v.username, password: toSecretSource(v.password, v.password_file) };
    }
    if (v.type === 'ApiKey') return { type: 'ApiKey', apiKey: toSecretSource(v.api_key, v.api_key_file) };
    if (v.type === PEM && v.certificate_path !== undefined && v.private_key_path !== undefined) {
      return { type: PEM, certificatePath: v.certificate_path, privateKeyPath: v.private_key_path };
    }
    return { type: 'None' };
  });
}

export function elasticsearchSection(ctx: SchemaContext) {
  const shape = z.strictObject({
    // The URL is not echoed in messages: a mistyped one may still carry credentials.
    url: checkedString((value) => {
      const checked = checkHttpUrl(value, false);
      return checked.ok ? null : checked.message;
    }).optional(),
    timeout_secs: intSchema(1, 86_400).prefault(30),
    ca_certificate_path: pathSchema(ctx).optional(),
    auth: elasticsearchAuthSection(ctx).prefault({}),
  });
  return withRules(shape, (v, report) => {
    const authType = typeof v.auth === 'object' && v.auth !== null ? (v.auth as { type?: unknown }).type : undefined;
    if (v.url === undefined) {
      // Credentials without a URL almost always mean the URL was forgotten; the embedded store
      // would start instead and the cluster would silently receive nothing.
      if (authType !== undefined && authType !== 'None') report(['url'], 'is required when auth is configured (no url = embedded store, which takes no credentials)', ['auth', 'type']);
      if (v.ca_certificate_path !== undefined) report(['url'], 'is required when ca_certificate_path is set', ['ca_certificate_path']);
      return;
    }
    if (typeof v.url === 'string' && v.url.startsWith('http:')) {
      if (v.ca_certificate_path !== undefined) report(['ca_certificate_path'], 'needs an https:// url');
      if (authType === PEM) report(['auth', 'type'], `"${PEM}" needs an https:// url`);
    }
  }).transform((v): ElasticsearchConfig => {
    const url = v.url === undefined ? null : checkHttpUrl(v.url, false);
    if (url !== null && !url.ok) throw new TypeError('elasticsearch.url: unchecked value');
    return { url: url === null ? null : url.url, timeoutSecs: v.timeout_secs, caCertificatePath: v.ca_certificate_path ?? null, auth: v.auth };
  });
}

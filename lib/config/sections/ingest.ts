import { z } from 'zod';
import { enumSchema, pathSchema, secretSchema, stringSchema, withRules } from '../schema-kit';
import type { SchemaContext } from '../schema-kit';
import type { IngestAuthConfig, IngestConfig } from '../types';
import { requireOneSecretSource, toSecretSource } from './secret-source';

// `[ingest.auth]` (Signet): who may call the El Proxy ingest API (/api/log, /api/log_batch).
// El Proxy itself relies on the network and TLS; Signet adds Basic and API-key auth. The API
// keys file format belongs to lib/auth; this section only says where it is.

function ingestAuthSection(ctx: SchemaContext) {
  const shape = z.strictObject({
    type: enumSchema(['None', 'BasicAuth', 'ApiKey']).prefault('None'),
    username: stringSchema().optional(),
    password: secretSchema().optional(),
    password_file: pathSchema(ctx).optional(),
    api_keys_file: pathSchema(ctx).optional(),
  });
  return withRules(shape, (v, report) => {
    if (v.type === 'BasicAuth') {
      if (v.username === undefined) report(['username'], 'is required when type = "BasicAuth"', ['type']);
      requireOneSecretSource(v, report, 'password', 'password_file', 'type = "BasicAuth"');
    }
    if (v.type === 'ApiKey' && v.api_keys_file === undefined) report(['api_keys_file'], 'is required when type = "ApiKey"', ['type']);
  }).transform((v): IngestAuthConfig => {
    if (v.type === 'BasicAuth' && v.username !== undefined) {
      return { type: 'BasicAuth', username: v.username, password: toSecretSource(v.password, v.password_file) };
    }
    if (v.type === 'ApiKey' && v.api_keys_file !== undefined) return { type: 'ApiKey', apiKeysFile: v.api_keys_file };
    return { type: 'None' };
  });
}

export function ingestSection(ctx: SchemaContext) {
  return z.strictObject({ auth: ingestAuthSection(ctx).prefault({}) }).transform((v): IngestConfig => ({ auth: v.auth }));
}

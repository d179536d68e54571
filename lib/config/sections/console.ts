import path from 'node:path';
import { z } from 'zod';
import { checkHttpUrl } from '../check-http-url';
import { checkedString, intSchema, pathSchema, secretSchema, stringSchema, withRules } from '../schema-kit';
import type { SchemaContext } from '../schema-kit';
import type { ConsoleConfig } from '../types';
import { toSecretSource } from './secret-source';

// `[console]`, `[console.auth]` and `[console.embedded_idp]` (Signet): who may log in to the
// console and with which roles. With no `auth.issuer`, `signet serve` starts the embedded OpenID
// provider (Keycloak's URL layout, loopback only), so login works out of the box; production sets
// the Keycloak realm URL and a confidential client.

/** A role or claim name: printable, no spaces (Keycloak role names may contain '-', '_', ':'). */
const ROLE = /^[\x21-\x7e]{1,100}$/;
const roleSchema = () => checkedString((v) => (ROLE.test(v) ? null : 'expected a role name (1-100 printable characters, no spaces)'));
/** `realm_access.roles`: dot-separated claim path into the access token. */
const claimPathSchema = () => checkedString((v) => (/^[A-Za-z0-9_:-]+(\.[A-Za-z0-9_:-]+)*$/.test(v) ? null : 'expected a dot-separated claim path such as "realm_access.roles"'));

function authSection(ctx: SchemaContext) {
  const shape = z.strictObject({
    issuer: checkedString((value) => {
      const checked = checkHttpUrl(value, true);
      return checked.ok ? null : checked.message;
    }).optional(),
    client_id: stringSchema().prefault('signet-console'),
    client_secret: secretSchema().optional(),
    client_secret_file: pathSchema(ctx).optional(),
    roles_claim: claimPathSchema().prefault('realm_access.roles'),
    client_roles: z.boolean({ error: 'expected true or false' }).prefault(false),
    viewer_role: roleSchema().prefault('signet-viewer'),
    operator_role: roleSchema().prefault('signet-operator'),
    auditor_role: roleSchema().prefault('signet-auditor'),
  });
  return withRules(shape, (v, report) => {
    const hasSecret = v.client_secret !== undefined || v.client_secret_file !== undefined;
    if (v.client_secret !== undefined && v.client_secret_file !== undefined) report(['client_secret'], 'set either client_secret or client_secret_file, not both');
    if (v.issuer !== undefined && !hasSecret) report(['client_secret_file'], 'is required when issuer is set (Keycloak confidential client; or set client_secret inline)', ['issuer']);
    if (v.issuer === undefined && hasSecret) report(['issuer'], 'is required when a client secret is set (no issuer = embedded OpenID provider, which makes its own)', [v.client_secret !== undefined ? 'client_secret' : 'client_secret_file']);
    const roles = [v.viewer_role, v.operator_role, v.auditor_role].filter((r) => typeof r === 'string');
    if (new Set(roles).size !== roles.length) report(['viewer_role'], 'viewer_role, operator_role and auditor_role must be different');
  });
}

export function consoleSection(ctx: SchemaContext) {
  return z
    .strictObject({
      session_max_age_secs: intSchema(60, 7 * 86_400, 'a number of seconds between 60 and 604800').prefault(8 * 3600),
      data_dir: pathSchema(ctx).prefault('./data/console'),
      session_secret_file: pathSchema(ctx).optional(),
      verification_overdue_hours: intSchema(1, 8_760, 'a number of hours between 1 and 8760').prefault(24),
      auth: authSection(ctx).prefault({}),
      embedded_idp: z
        .strictObject({
          port: intSchema(0, 65_535, 'a port number 0-65535 (0 = any free port)').prefault(0),
        })
        .prefault({}),
    })
    .transform((v): ConsoleConfig => {
      const a = v.auth;
      const issuer = a.issuer === undefined ? null : checkHttpUrl(a.issuer, true);
      if (issuer !== null && !issuer.ok) throw new TypeError('console.auth.issuer: unchecked value');
      return {
        sessionMaxAgeSecs: v.session_max_age_secs,
        dataDir: v.data_dir,
        sessionSecretFile: v.session_secret_file ?? null,
        verificationOverdueHours: v.verification_overdue_hours,
        auth: {
          issuer: issuer === null ? null : issuer.url,
          clientId: a.client_id,
          clientSecret: a.client_secret === undefined && a.client_secret_file === undefined ? null : toSecretSource(a.client_secret, a.client_secret_file),
          rolesClaim: a.roles_claim,
          clientRoles: a.client_roles,
          roles: { viewer: a.viewer_role, operator: a.operator_role, auditor: a.auditor_role },
        },
        // The provider's users and keys live next to the session key, in their own directory.
        embeddedIdp: { port: v.embedded_idp.port, dataDir: path.join(v.data_dir, 'idp') },
      };
    });
}

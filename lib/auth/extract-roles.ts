// Reads the user's roles from the tokens the IdP returned at login. Keycloak puts realm roles in
// the ACCESS token (`realm_access.roles`); the ID token has them only when the realm-roles mapper
// has "Add to ID token" on (stack-notes gotcha 10). So: access token first, ID token claims next.
//
// The access token is not signature-checked here, on purpose: it came straight from the token
// endpoint over the back channel, authenticated with the client secret (OIDC Core §3.1.3.8 lets a
// client trust such a response), and is never accepted from a browser.

export type RolesSource = 'access_token' | 'id_token' | 'none';

/** The payload of a compact JWS/JWT, or null when it is not one. */
export function decodeJwtPayload(jwt: string): Record<string, unknown> | null {
  const parts = jwt.split('.');
  if (parts.length !== 3 || (parts[1] as string).length > 64 * 1024) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(parts[1] as string, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The string array at dot path `path` in `claims`, or null when absent or of another shape. */
export function rolesAt(claims: Record<string, unknown>, path: string): string[] | null {
  let v: unknown = claims;
  for (const key of path.split('.')) {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.hasOwn(v, key)) return null;
    v = (v as Record<string, unknown>)[key];
  }
  if (!Array.isArray(v)) return null;
  // At most 500 roles of at most 200 characters: the list ends up in a cookie.
  return v.filter((r): r is string => typeof r === 'string' && r.length > 0 && r.length <= 200).slice(0, 500);
}

export interface ExtractRolesOptions {
  readonly rolesClaim: string;
  /** Also read Keycloak client roles: `resource_access.<clientId>.roles`. */
  readonly clientRoles: boolean;
  readonly clientId: string;
}

function fromClaims(claims: Record<string, unknown>, o: ExtractRolesOptions): string[] | null {
  const realm = rolesAt(claims, o.rolesClaim);
  const access = claims.resource_access;
  const client =
    o.clientRoles && typeof access === 'object' && access !== null && Object.hasOwn(access, o.clientId)
      ? rolesAt((access as Record<string, unknown>)[o.clientId] as Record<string, unknown>, 'roles')
      : null;
  if (realm === null && client === null) return null;
  return [...new Set([...(realm ?? []), ...(client ?? [])])];
}

/** Roles from the access token, else from the ID token claims, else none. */
export function extractRoles(accessToken: string | undefined, idTokenClaims: Record<string, unknown> | undefined, o: ExtractRolesOptions): { roles: string[]; source: RolesSource } {
  const access = accessToken === undefined ? null : decodeJwtPayload(accessToken);
  const fromAccess = access === null ? null : fromClaims(access, o);
  if (fromAccess !== null) return { roles: fromAccess, source: 'access_token' };
  const fromId = idTokenClaims === undefined ? null : fromClaims(idTokenClaims, o);
  if (fromId !== null) return { roles: fromId, source: 'id_token' };
  return { roles: [], source: 'none' };
}

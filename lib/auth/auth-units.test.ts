import { describe, expect, it } from 'vitest';
import { decodeJwtPayload, extractRoles, permissionsFor, rolesAt, safeCallbackPath, DEFAULT_ROLE_NAMES } from '.';

const jwt = (payload: unknown) => `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;
const opts = { rolesClaim: 'realm_access.roles', clientRoles: false, clientId: 'signet-console' };

describe('extractRoles', () => {
  it('reads realm_access.roles from the access token first', () => {
    expect(extractRoles(jwt({ realm_access: { roles: ['signet-viewer'] } }), { realm_access: { roles: ['other'] } }, opts)).toEqual({ roles: ['signet-viewer'], source: 'access_token' });
  });
  it('falls back to the ID token claims, then to none', () => {
    expect(extractRoles(jwt({ sub: 'x' }), { realm_access: { roles: ['signet-auditor'] } }, opts)).toEqual({ roles: ['signet-auditor'], source: 'id_token' });
    expect(extractRoles(undefined, {}, opts)).toEqual({ roles: [], source: 'none' });
    expect(extractRoles('not-a-jwt', undefined, opts)).toEqual({ roles: [], source: 'none' });
  });
  it('adds client roles when configured, and follows a custom claim path', () => {
    const token = jwt({ realm_access: { roles: ['a'] }, resource_access: { 'signet-console': { roles: ['signet-operator'] }, other: { roles: ['signet-auditor'] } } });
    expect(extractRoles(token, undefined, { ...opts, clientRoles: true }).roles).toEqual(['a', 'signet-operator']);
    expect(extractRoles(jwt({ groups: { signet: ['g'] } }), undefined, { ...opts, rolesClaim: 'groups.signet' }).roles).toEqual(['g']);
  });
  it('ignores non-string roles and hostile shapes', () => {
    expect(rolesAt({ realm_access: { roles: ['ok', 5, null, '', 'x'.repeat(201)] } }, 'realm_access.roles')).toEqual(['ok']);
    expect(rolesAt({ realm_access: 'x' }, 'realm_access.roles')).toBeNull();
    expect(rolesAt({}, '__proto__.roles')).toBeNull();
    expect(decodeJwtPayload(`a.${Buffer.from('[1]').toString('base64url')}.c`)).toBeNull();
  });
});

describe('permissionsFor', () => {
  it('maps roles to permissions; unknown roles grant nothing beyond a session', () => {
    expect(permissionsFor([], DEFAULT_ROLE_NAMES)).toEqual(['session']);
    expect(permissionsFor(['admin', 'offline_access'], DEFAULT_ROLE_NAMES)).toEqual(['session']);
    expect(permissionsFor(['signet-viewer'], DEFAULT_ROLE_NAMES)).toEqual(['session', 'read']);
    expect(permissionsFor(['signet-operator'], DEFAULT_ROLE_NAMES)).toEqual(['session', 'read', 'operate']);
    expect(permissionsFor(['signet-auditor'], DEFAULT_ROLE_NAMES)).toEqual(['session', 'read', 'audit']);
    expect(permissionsFor(['ops'], { ...DEFAULT_ROLE_NAMES, operator: 'ops' })).toEqual(['session', 'read', 'operate']);
  });
});

describe('safeCallbackPath (open redirect)', () => {
  const base = 'http://127.0.0.1:3100';
  it('keeps same-origin paths', () => {
    expect(safeCallbackPath('/audit-log?user=a#x', base)).toBe('/audit-log?user=a#x');
    expect(safeCallbackPath(`${base}/blockchains`, base)).toBe('/blockchains');
  });
  it.each([
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    '\\\\evil.example',
    'http://127.0.0.1:3100.evil.example/',
    'http://127.0.0.1:3101/',
    'javascript:alert(1)',
    '/\t/evil.example',
    '/api/console/logout',
    '/login',
    '',
    'x'.repeat(3000),
  ])('refuses %s', (value) => {
    expect(safeCallbackPath(value, base)).toBe('/');
  });
  it('refuses non-strings', () => {
    expect(safeCallbackPath(['/a', '/b'], base)).toBe('/');
    expect(safeCallbackPath(undefined, base)).toBe('/');
  });
});

// Console roles and what they allow (SPEC §11). Permissions, not role names, are what routes and
// pages ask for, so renaming roles in Keycloak is a configuration change only.
//
// - read:    every page and list (viewer; operators and auditors need to see what they act on);
// - operate: DLQ recover/archive, configuration changes (operator);
// - audit:   verification runs, acknowledgements (auditor);
// - session: any signed-in user, even without a role (logout, "who am I").

export type Permission = 'session' | 'read' | 'operate' | 'audit';
export const PERMISSIONS: readonly Permission[] = ['session', 'read', 'operate', 'audit'];

export interface RoleNames {
  readonly viewer: string;
  readonly operator: string;
  readonly auditor: string;
}

export const DEFAULT_ROLE_NAMES: RoleNames = { viewer: 'signet-viewer', operator: 'signet-operator', auditor: 'signet-auditor' };

/** The permissions a set of roles grants; unknown roles grant nothing (and are not an error). */
export function permissionsFor(roles: readonly string[], names: RoleNames): Permission[] {
  const has = (r: string) => roles.includes(r);
  const out: Permission[] = ['session'];
  if (has(names.viewer) || has(names.operator) || has(names.auditor)) out.push('read');
  if (has(names.operator)) out.push('operate');
  if (has(names.auditor)) out.push('audit');
  return out;
}

/** The console roles among `roles` (what the UI shows as the user's roles). */
export function consoleRoles(roles: readonly string[], names: RoleNames): string[] {
  const known = [names.viewer, names.operator, names.auditor];
  return roles.filter((r) => known.includes(r));
}

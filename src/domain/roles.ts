/** The roles a user account may be granted, per organisation (SPEC §5). */
export const ROLES = [
  'employee',
  'line_manager',
  'hr',
  'oh_clinician',
  'oh_admin',
  'programme_team',
  'facilitator',
  'organisation_admin',
  'partnership_admin',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  employee: 'Employee',
  line_manager: 'Line manager',
  hr: 'HR',
  oh_clinician: 'OH clinician',
  oh_admin: 'OH admin',
  programme_team: 'Programme team',
  facilitator: 'Facilitator',
  organisation_admin: 'Organisation admin',
  partnership_admin: 'Partnership admin',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface Grant {
  organisationId: number;
  role: Role;
}

/** A permission's roles, and whether its pages show other people's health data. */
export interface PermissionRoles {
  roles: readonly Role[];
  healthData?: boolean;
}

/**
 * What each role may do: the permissions every module declares, with the roles that hold them.
 * A permission is granted within one organisation; `partnership.*` permissions reach every
 * organisation of the partnership.
 */
export interface PermissionTable {
  /** Whether the grants hold the permission in the organisation (any, for `partnership.*`). */
  allows(grants: readonly Grant[], permission: string, organisationId: number | null): boolean;
  /** The roles that hold a permission. */
  rolesOf(permission: string): readonly Role[];
  /**
   * Whether the permission's pages show other people's health data: their absences and
   * sickness, reviews, plans, passports, cases and letters, or figures of sickness. Every page
   * read with one writes an audit event, which the route must declare (`config.audit`), or it
   * cannot be registered. One's own records (`*.self-service`) are not audited when read by oneself.
   */
  showsHealthData(permission: string): boolean;
  /** Every permission, by name. */
  names(): string[];
}

/** The table of the permissions declared; a permission declared twice, or never, is a mistake. */
export function permissionTable(declared: Iterable<[string, PermissionRoles]>): PermissionTable {
  const table = new Map<string, PermissionRoles>();
  for (const [name, permission] of declared) {
    if (table.has(name)) throw new Error(`The permission ${name} is declared twice`);
    table.set(name, permission);
  }
  const find = (permission: string): PermissionRoles => {
    const found = table.get(permission);
    if (!found) throw new Error(`No module declares the permission ${permission}`);
    return found;
  };
  return {
    allows(grants, permission, organisationId) {
      const allowed = find(permission).roles;
      if (permission.startsWith('partnership.')) return grants.some((g) => allowed.includes(g.role));
      return grants.some((g) => g.organisationId === organisationId && allowed.includes(g.role));
    },
    rolesOf: (permission) => find(permission).roles,
    showsHealthData: (permission) => find(permission).healthData === true,
    names: () => [...table.keys()],
  };
}

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

/**
 * What each role may do. A permission is granted within one organisation; `partnership.*`
 * permissions reach every organisation of the partnership.
 */
export const PERMISSIONS = {
  'partnership.manage': ['partnership_admin'],
  'organisation.view': ['hr', 'organisation_admin'],
  'units.manage': ['organisation_admin'],
  'sites.manage': ['organisation_admin'],
  'people.view': ['hr', 'organisation_admin'],
  'people.manage': ['hr', 'organisation_admin'],
  'people.import': ['hr', 'organisation_admin'],
  'accounts.manage': ['organisation_admin'],
  'api-keys.manage': ['organisation_admin'],
  'absence-report.view': ['hr'],
  /**
   * Scorecards, hotspots and the other management information: HR in full; line managers (the
   * directors and heads of service who read them) with small numbers suppressed.
   */
  'management-information.view': ['hr', 'line_manager'],
  /** HR's settings for the management information: the organisation's own benchmarks. */
  'management-information.configure': ['hr'],
  'absence.self-service': ['employee'],
  'team.view': ['line_manager'],
  /** Line managers for their reporting line, HR for everyone in the organisation. */
  'absence.record': ['line_manager', 'hr'],
  'person.view': ['line_manager', 'hr', 'organisation_admin'],
  'absences.import': ['hr'],
  /** HR's settings for the attendance policy: review and notice periods, triggers, support, letters. */
  'attendance.configure': ['hr'],
  /** HR's oversight of every review and case in the organisation. */
  'attendance.oversee': ['hr'],
  /** Welcome-back reviews, action plans, passports and cases: managers for their reporting line, HR for all. */
  'attendance.casework': ['line_manager', 'hr'],
  /** One's own reviews, plans, passport, meetings and letters. */
  'attendance.self-service': ['employee'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * The permissions whose pages show other people's health data: their absences and sickness,
 * reviews, plans, passports, cases and letters, or figures of sickness. Every page read with one
 * of them writes an audit event, which the route must declare (`config.audit`), or it cannot be
 * registered. One's own records (`*.self-service`) are not audited when read by oneself.
 */
export const HEALTH_DATA_PERMISSIONS: readonly Permission[] = [
  'people.view',
  'person.view',
  'team.view',
  'absence.record',
  'absence-report.view',
  'management-information.view',
  'attendance.oversee',
  'attendance.casework',
];

export interface Grant {
  organisationId: number;
  role: Role;
}

export function hasPermission(
  grants: readonly Grant[],
  permission: Permission,
  organisationId: number | null,
): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  if (permission.startsWith('partnership.')) return grants.some((g) => allowed.includes(g.role));
  return grants.some((g) => g.organisationId === organisationId && allowed.includes(g.role));
}

/**
 * The words for every code a person may see: kinds of absence, certification, sickness reasons,
 * attendance stages and outcomes, statuses, roles, what happened to a record and who did it.
 * Pages, flash messages, emails and letters take their words from here (templates through the
 * `words` filter), never the stored code. Files for machines (CSV, the CLI, the JSON API) keep
 * the codes: they are the contract.
 */
import { esrReasonDescription } from '../reference/esr-sickness-reasons.ts';
import { ABSENCE_TYPE_NAMES } from './absence-rules.ts';
import { OUTCOMES, STAGE_NAMES } from './attendance-stages.ts';
import { ROLE_NAMES, ROLES, type Role } from './roles.ts';

/** How a sickness was certified. */
export const CERTIFICATIONS = {
  none_yet: 'Not yet certified',
  self: 'Self-certified',
  fit_note: 'Fit note',
} as const;

/** Where a workplace adjustment stands. */
export const ADJUSTMENT_STATUSES = {
  requested: 'Requested',
  agreed: 'Agreed',
  declined: 'Not agreed',
  ended: 'No longer needed',
} as const;

/** Where an action plan stands. */
export const PLAN_STATUSES = { active: 'Active', closed: 'Closed' } as const;

/** Where an attendance case stands. */
export const CASE_STATUSES = { open: 'Open', closed: 'Closed' } as const;

/** What happened to an absence record, for its history. */
export const RECORD_ACTIONS = {
  recorded: 'Recorded',
  changed: 'Changed',
  returned: 'Back at work',
  deleted: 'Deleted',
} as const;

/** Every kind of code shown to people, with its words. */
const WORDS = {
  absenceType: ABSENCE_TYPE_NAMES,
  certification: CERTIFICATIONS,
  stage: STAGE_NAMES,
  outcome: OUTCOMES,
  role: ROLE_NAMES,
  adjustmentStatus: ADJUSTMENT_STATUSES,
  planStatus: PLAN_STATUSES,
  caseStatus: CASE_STATUSES,
  recordAction: RECORD_ACTIONS,
} as const satisfies Record<string, Readonly<Record<string, string>>>;

export type CodeKind = keyof typeof WORDS;

/** A code that no list knows, made readable: 'other_leave' → 'Other leave'. */
function readable(code: string): string {
  const spaced = code.replace(/[_-]+/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** The words for a code of a kind: `codeWords('absenceType', 'medical_appointment')` → 'Medical appointment'. */
export function codeWords(kind: CodeKind, code: string | null | undefined): string {
  if (!code) return '';
  const words: Readonly<Record<string, string>> = WORDS[kind];
  return Object.hasOwn(words, code) ? (words[code] ?? code) : readable(code);
}

/** A sickness reason with ESR's words: 'S10' → 'S10 Anxiety/stress/depression/other psychiatric illnesses'. */
export function reasonWords(code: string): string {
  return `${code} ${esrReasonDescription(code) ?? 'Unknown reason'}`;
}

/** Roles in one fixed order everywhere, the most far-reaching first. */
export function inRoleOrder(roles: readonly Role[]): Role[] {
  return [...new Set(roles)].sort((a, b) => ROLES.indexOf(b) - ROLES.indexOf(a));
}

/** Words joined as people write them: 'A', 'A and B', 'A, B and C'. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/** Roles in words, in the fixed order: ['employee', 'hr'] → 'HR and Employee'. */
export function rolesInWords(roles: readonly Role[]): string {
  return listInWords(inRoleOrder(roles).map((r) => ROLE_NAMES[r]));
}

/**
 * Who made a change to a record, for a history's "by …": the person's name, or null when no one
 * signed in made it (a CSV file imported on the command line says so in its reason instead).
 */
export function madeBy(userId: number | null, names: ReadonlyMap<number, string>): string | null {
  if (!userId) return null;
  return names.get(userId) ?? 'someone whose account has since been removed';
}

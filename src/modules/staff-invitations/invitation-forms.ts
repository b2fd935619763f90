/**
 * The fields of the invitation forms, as a browser sends them: whom to invite, the people chosen
 * and the request's key. Every problem is found, not only the first.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { FieldError } from '../../web/forms.ts';
import type { InvitationTarget } from './staff-invitations-repository.ts';

const WHO = ['everyone', 'unit', 'chosen'] as const;
const MAX_CHOSEN = 5_000;

const idText = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

/** The ids of a repeated field (`person=1&person=2`), or null if any is not an id. */
export function idList(value: unknown): number[] | null {
  const values = Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value];
  if (values.length > MAX_CHOSEN) return null;
  const parsed = z.array(idText).safeParse(values);
  return parsed.success ? [...new Set(parsed.data)] : null;
}

/** A new request's key: what makes sending the same form twice invite nobody twice. */
export function newRequestKey(): string {
  return randomBytes(16).toString('base64url');
}

export function isRequestKey(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{22}$/.test(value);
}

export interface TargetFields {
  who: string;
  unitId: string;
  personIds: number[];
}

/** What the form says, as typed, for showing it again. */
export function targetFields(body: Record<string, unknown>): TargetFields {
  const text = (key: string) => (typeof body[key] === 'string' ? body[key].trim() : '');
  return { who: text('who'), unitId: text('unitId'), personIds: idList(body.person) ?? [] };
}

/**
 * The target the form names, checked against the organisation's units and people; or every
 * problem with it.
 */
export function readTarget(
  body: Record<string, unknown>,
  known: { unitIds: ReadonlySet<number>; peopleHere: ReadonlySet<number> },
): { target: InvitationTarget; errors: [] } | { target: null; errors: FieldError[] } {
  const fields = targetFields(body);
  const errors: FieldError[] = [];
  const who = WHO.find((w) => w === fields.who);
  if (!who) {
    errors.push({ text: 'Choose who to invite', href: '#who' });
    return { target: null, errors };
  }
  if (who === 'everyone') return { target: { who }, errors: [] };
  if (who === 'unit') {
    const unitId = idText.safeParse(fields.unitId);
    if (!fields.unitId) errors.push({ text: 'Choose a unit', href: '#unitId' });
    else if (!unitId.success || !known.unitIds.has(unitId.data))
      errors.push({ text: 'Choose a unit from the list', href: '#unitId' });
    else return { target: { who, unitId: unitId.data }, errors: [] };
    return { target: null, errors };
  }
  const personIds = idList(body.person);
  if (personIds === null) errors.push({ text: 'Choose people from the list', href: '#people' });
  else if (personIds.length === 0) errors.push({ text: 'Choose at least one person', href: '#people' });
  else if (personIds.some((id) => !known.peopleHere.has(id)))
    errors.push({ text: 'Choose people from the list', href: '#people' });
  else return { target: { who, personIds }, errors: [] };
  return { target: null, errors };
}

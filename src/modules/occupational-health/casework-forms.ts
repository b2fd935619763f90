/**
 * The OH service's casework forms, read and checked: each gives the value to write, or every
 * problem with the field it is about, for the error summary.
 */
import {
  PRIORITIES,
  PROFESSIONS,
  ROUTED_SERVICES,
  type Priority,
  type Profession,
  type RoutedService,
} from '../../domain/oh-casework.ts';
import type { FieldError } from '../../web/forms.ts';
import { textField } from '../../web/request-context.ts';
import type { Triage } from './casework-repository.ts';

const REASON_LIMIT = 2000;
const NAME_LIMIT = 200;

const oneOf = <K extends string>(words: Readonly<Record<K, string>>, value: string): value is K =>
  Object.hasOwn(words, value);

/** Triage: accept (with a priority, a service and optionally a clinician) or reject with a reason. */
export function triageForm(
  body: Record<string, unknown>,
  clinicianIds: ReadonlySet<number>,
): { value: Triage | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const decision = textField(body, 'decision');
  if (decision === 'reject') {
    const rejectionReason = textField(body, 'rejectionReason');
    if (!rejectionReason)
      errors.push({
        text: 'Say why the referral is rejected: the referrer sees it',
        href: '#rejectionReason',
      });
    else if (rejectionReason.length > REASON_LIMIT)
      errors.push({ text: 'The reason must be 2,000 characters or fewer', href: '#rejectionReason' });
    return errors.length > 0
      ? { value: null, errors }
      : { value: { decision: 'reject', rejectionReason }, errors };
  }
  if (decision !== 'accept') {
    errors.push({ text: 'Choose whether to accept or reject the referral', href: '#decision' });
    return { value: null, errors };
  }
  const priority = textField(body, 'priority');
  if (!oneOf(PRIORITIES, priority)) errors.push({ text: 'Choose a priority', href: '#priority' });
  const service = textField(body, 'service');
  if (!oneOf(ROUTED_SERVICES, service))
    errors.push({ text: 'Choose the service to route it to', href: '#service' });
  const externalProvider = textField(body, 'externalProvider');
  if (service === 'external' && !externalProvider)
    errors.push({
      text: 'Name the external provider the case is referred out to',
      href: '#externalProvider',
    });
  else if (externalProvider.length > NAME_LIMIT)
    errors.push({ text: 'The provider’s name must be 200 characters or fewer', href: '#externalProvider' });
  const clinician = textField(body, 'clinician');
  const clinicianUserId = /^\d{1,9}$/.test(clinician) ? Number(clinician) : null;
  if (clinician !== '' && (clinicianUserId === null || !clinicianIds.has(clinicianUserId)))
    errors.push({ text: 'Choose a clinician of the service from the list', href: '#clinician' });
  if (errors.length > 0 || !oneOf(PRIORITIES, priority) || !oneOf(ROUTED_SERVICES, service))
    return { value: null, errors };
  return {
    value: {
      decision: 'accept',
      priority: priority satisfies Priority,
      service: service satisfies RoutedService,
      externalProvider: service === 'external' ? externalProvider : null,
      clinicianUserId,
    },
    errors,
  };
}

/** Closing a case: the reason. */
export function closeForm(body: Record<string, unknown>): { value: string | null; errors: FieldError[] } {
  const reason = textField(body, 'closeReason');
  if (!reason)
    return { value: null, errors: [{ text: 'Say why the case is closing', href: '#closeReason' }] };
  if (reason.length > REASON_LIMIT)
    return {
      value: null,
      errors: [{ text: 'The reason must be 2,000 characters or fewer', href: '#closeReason' }],
    };
  return { value: reason, errors: [] };
}

/** Each clinician's profession (`profession-<account id>`), or none. */
export function professionsForm(
  body: Record<string, unknown>,
  clinicians: readonly { id: number; displayName: string }[],
): { value: Map<number, Profession | null> | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value = new Map<number, Profession | null>();
  for (const clinician of clinicians) {
    const field = `profession-${clinician.id}`;
    const chosen = textField(body, field);
    if (chosen === '') value.set(clinician.id, null);
    else if (oneOf(PROFESSIONS, chosen)) value.set(clinician.id, chosen);
    else
      errors.push({ text: `Choose ${clinician.displayName}’s profession from the list`, href: `#${field}` });
  }
  return errors.length > 0 ? { value: null, errors } : { value, errors };
}

/** The report review window: whole working days, 1 to 20. */
export function settingsForm(body: Record<string, unknown>): { value: number | null; errors: FieldError[] } {
  const days = textField(body, 'reviewWorkingDays');
  if (!/^\d{1,2}$/.test(days) || Number(days) < 1 || Number(days) > 20)
    return {
      value: null,
      errors: [
        {
          text: 'The review window must be a whole number of working days, from 1 to 20',
          href: '#reviewWorkingDays',
        },
      ],
    };
  return { value: Number(days), errors: [] };
}

/** The account and API key forms: what each field must hold, checked at the edge. */
import { z } from 'zod';
import { passwordProblem } from '../../domain/password-policy.ts';
import { ROLE_NAMES, ROLES, type Role } from '../../domain/roles.ts';
import { errorSummary, type FieldError } from '../../web/forms.ts';
import { API_SCOPES, type ApiScope } from '../../web/types.ts';

const text = z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string());

/** Checkboxes arrive as nothing, one value or a list of values. */
const checked = z.preprocess(
  (v): unknown[] => (Array.isArray(v) ? (v as unknown[]) : typeof v === 'string' && v !== '' ? [v] : []),
  z.array(z.string()),
);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const rolesField = checked.pipe(
  z.array(z.enum(ROLES, { error: 'Choose roles from the list' })).transform((roles) => [...new Set(roles)]),
);

export const newAccountSchema = z.object({
  displayName: text.pipe(
    z
      .string()
      .transform((v) => v.replace(/\s+/g, ' ').trim())
      .pipe(
        z
          .string()
          .min(1, 'Enter the person’s name')
          .max(120, 'The person’s name must be 120 characters or fewer'),
      ),
  ),
  email: text.pipe(
    z
      .string()
      .trim()
      .toLowerCase()
      .max(254, 'The email address must be 254 characters or fewer')
      .regex(EMAIL, 'Enter an email address in the correct format, like name@example.org'),
  ),
  password: text,
  roles: rolesField.pipe(z.array(z.enum(ROLES)).min(1, 'Choose at least one role')),
  employeeNumber: text.pipe(z.string().trim().max(30, 'The employee number must be 30 characters or fewer')),
});

export type NewAccountForm = z.output<typeof newAccountSchema>;

export const rolesSchema = z.object({ roles: rolesField });

export const statusSchema = z.object({
  action: text.pipe(z.enum(['disable', 'enable'], { error: 'Choose to disable or enable the account' })),
});

export const apiKeySchema = z.object({
  name: text.pipe(
    z
      .string()
      .transform((v) => v.replace(/\s+/g, ' ').trim())
      .pipe(
        z
          .string()
          .min(1, 'Enter a name for the key, like “HR system”')
          .max(100, 'The key’s name must be 100 characters or fewer'),
      ),
  ),
  scopes: checked.pipe(
    z
      .array(z.enum(API_SCOPES, { error: 'Choose what the key may do from the list' }))
      .min(1, 'Choose what the key may do')
      .transform((scopes): ApiScope[] => [...new Set(scopes)]),
  ),
});

export type ApiKeyForm = z.output<typeof apiKeySchema>;

/** The roles a person may grant: only a partnership admin may make someone a partnership admin. */
export function grantableRoles(actorRoles: readonly Role[]): Role[] {
  const partnershipAdmin = actorRoles.includes('partnership_admin');
  return ROLES.filter((role) => role !== 'partnership_admin' || partnershipAdmin);
}

export function notGrantableMessage(role: Role): string {
  return role === 'partnership_admin'
    ? 'Only a partnership admin can grant the Partnership admin role'
    : `You cannot grant the ${ROLE_NAMES[role]} role`;
}

/**
 * Checks the "Add an account" form. The password is checked only when the email is new: an
 * existing account keeps its own password and is given the roles here instead.
 */
export function checkNewAccount(
  body: unknown,
  options: { existingAccount: boolean; grantable: readonly Role[] },
): { ok: true; value: NewAccountForm } | { ok: false; errors: FieldError[] } {
  const parsed = newAccountSchema.safeParse(body ?? {});
  const errors = parsed.success ? [] : errorSummary(parsed.error.issues);
  const add = (field: string, message: string) => {
    if (!errors.some((e) => e.href === `#${field}`)) errors.push({ text: message, href: `#${field}` });
  };
  if (!options.existingAccount) {
    const source = (body ?? {}) as Record<string, unknown>;
    const password = typeof source.password === 'string' ? source.password : '';
    const email = typeof source.email === 'string' ? source.email.trim() : '';
    const problem = password === '' ? 'Enter a first password' : passwordProblem(password, { email });
    if (problem) add('password', problem);
  }
  const roles = rolesSchema.safeParse(body ?? {});
  const refused = roles.success
    ? roles.data.roles.find((role) => !options.grantable.includes(role))
    : undefined;
  if (refused) add('roles', notGrantableMessage(refused));
  if (!parsed.success || errors.length > 0) return { ok: false, errors: inFormOrder(errors) };
  return { ok: true, value: parsed.data };
}

const NEW_ACCOUNT_FIELDS = ['displayName', 'email', 'password', 'roles', 'employeeNumber'];

/** Errors in the order of the form's fields, as the error summary should list them. */
export function inFormOrder(errors: readonly FieldError[]): FieldError[] {
  const position = (e: FieldError) => {
    const index = NEW_ACCOUNT_FIELDS.indexOf(e.href.slice(1));
    return index === -1 ? NEW_ACCOUNT_FIELDS.length : index;
  };
  return [...errors].sort((a, b) => position(a) - position(b));
}

/**
 * The roles an account will hold here after the "Change roles" form: those ticked, plus any
 * the person changing them may not grant, which stay as they were.
 */
export function nextRoles(options: {
  before: readonly Role[];
  ticked: readonly Role[];
  grantable: readonly Role[];
  changingOwnAccount: boolean;
}): { ok: true; roles: Role[] } | { ok: false; error: string } {
  const { before, ticked, grantable } = options;
  const refused = ticked.find((role) => !grantable.includes(role) && !before.includes(role));
  if (refused) return { ok: false, error: notGrantableMessage(refused) };
  const kept = before.filter((role) => !grantable.includes(role));
  const roles = ROLES.filter(
    (role) => kept.includes(role) || (ticked.includes(role) && grantable.includes(role)),
  );
  if (
    options.changingOwnAccount &&
    before.includes('organisation_admin') &&
    !roles.includes('organisation_admin')
  ) {
    return {
      ok: false,
      error: 'You cannot remove your own Organisation admin role: ask another organisation admin to do it',
    };
  }
  return { ok: true, roles };
}

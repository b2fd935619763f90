/** Plain functions turning accounts, roles and API keys into what the pages show. */
import { ROLE_NAMES, ROLES, type Role } from '../../domain/roles.ts';
import { paths } from '../../web/paths.ts';
import { API_SCOPES, type ApiScope } from '../../web/types.ts';
import type { LinkedPerson } from './account-people-repository.ts';
import type { ApiKeyRecord } from './api-keys-repository.ts';

export const SCOPE_DESCRIPTIONS: Record<ApiScope, string> = {
  'organisation:read': 'Read the organisation’s settings and units',
  'people:read': 'Read people and their employment',
  'people:write': 'Add and update people',
  'reports:read': 'Read absence reports',
};

const ROLE_TAG_CLASSES: Partial<Record<Role, string>> = {
  organisation_admin: 'govuk-tag--purple',
  partnership_admin: 'govuk-tag--pink',
  hr: 'govuk-tag--turquoise',
  oh_clinician: 'govuk-tag--green',
  oh_admin: 'govuk-tag--green',
};

/** GOV.UK tags for a list of roles, in the order roles are always listed. */
export function roleTags(roles: readonly Role[]): { text: string; classes: string }[] {
  return ROLES.filter((role) => roles.includes(role)).map((role) => ({
    text: ROLE_NAMES[role],
    classes: ROLE_TAG_CLASSES[role] ?? 'govuk-tag--blue',
  }));
}

/** Checkbox items for the roles a person may grant, ticked as chosen. */
export function roleItems(grantable: readonly Role[], chosen: readonly string[]) {
  return grantable.map((role) => ({ value: role, text: ROLE_NAMES[role], checked: chosen.includes(role) }));
}

export function scopeItems(chosen: readonly string[]) {
  return API_SCOPES.map((scope) => ({
    value: scope,
    text: scope,
    hint: { text: SCOPE_DESCRIPTIONS[scope] },
    checked: chosen.includes(scope),
  }));
}

export function personText(person: LinkedPerson | null | undefined): string {
  return person ? `${person.name} (employee number ${person.employeeNumber})` : 'Not linked to a person';
}

export interface AccountSummary {
  id: number;
  email: string;
  displayName: string;
  disabled: boolean;
  roles: Role[];
}

/** A row of the accounts table. */
export function accountRow(slug: string, account: AccountSummary, person: LinkedPerson | undefined) {
  return {
    name: account.displayName,
    href: paths.organisation.account.build({ org: slug, userId: account.id }),
    email: account.email,
    roles: roleTags(account.roles),
    person: person ? { name: person.name, employeeNumber: person.employeeNumber } : null,
    status: account.disabled
      ? { text: 'Disabled', classes: 'govuk-tag--grey' }
      : { text: 'Active', classes: 'govuk-tag--green' },
  };
}

/** A row of the API keys table. */
export function apiKeyRow(slug: string, key: ApiKeyRecord) {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    createdAt: key.createdAt,
    createdByName: key.createdByName,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
    revokeAction: key.revokedAt ? null : paths.organisation.revokeApiKey.build({ org: slug, keyId: key.id }),
  };
}

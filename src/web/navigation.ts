import { hasPermission } from '../domain/roles.ts';
import { paths } from './paths.ts';
import type { OrganisationContext, Principal } from './types.ts';

export interface NavigationItem {
  href: string;
  text: string;
  active: boolean;
}

/**
 * The service navigation for a signed-in person: only what their roles let them use, in the
 * organisation they are looking at; elsewhere (their home page), in the organisation they work
 * for, where they have a person record, or else the first they hold roles in.
 */
export function navigationFor(
  principal: Principal,
  current: OrganisationContext | null,
  url: string,
): NavigationItem[] {
  const items: { href: string; text: string }[] = [{ href: paths.home.build(), text: 'Home' }];
  const organisation =
    current ??
    principal.organisations.find((o) => principal.personIds.has(o.id)) ??
    principal.organisations[0] ??
    null;
  const organisationId = organisation?.id ?? null;
  const slug = organisation?.slug ?? null;
  if (hasPermission(principal.grants, 'partnership.manage', null)) {
    items.push({ href: paths.partnership.organisations.build(), text: 'Organisations' });
  }
  if (slug && organisationId !== null) {
    if (
      hasPermission(principal.grants, 'absence.self-service', organisationId) &&
      principal.personIds.has(organisationId)
    ) {
      items.push({ href: paths.organisation.myAbsence.build({ org: slug }), text: 'My absence' });
    }
    if (hasPermission(principal.grants, 'team.view', organisationId)) {
      items.push({ href: paths.organisation.team.build({ org: slug }), text: 'My team' });
    }
    if (hasPermission(principal.grants, 'absence-report.view', organisationId)) {
      items.push({ href: paths.organisation.absenceReport.build({ org: slug }), text: 'Absence report' });
    }
    if (hasPermission(principal.grants, 'management-information.view', organisationId)) {
      items.push({
        href: paths.organisation.managementInformation.build({ org: slug }),
        text: 'Management information',
      });
    }
    if (hasPermission(principal.grants, 'people.view', organisationId)) {
      items.push({ href: paths.organisation.people.build({ org: slug }), text: 'People' });
    }
    if (hasPermission(principal.grants, 'attendance.oversee', organisationId)) {
      items.push(
        { href: paths.organisation.welcomeBackReviews.build({ org: slug }), text: 'Reviews' },
        { href: paths.organisation.attendanceTriggers.build({ org: slug }), text: 'Triggers' },
        { href: paths.organisation.attendanceCases.build({ org: slug }), text: 'Cases' },
      );
    }
    if (hasPermission(principal.grants, 'units.manage', organisationId)) {
      items.push({ href: paths.organisation.units.build({ org: slug }), text: 'Units' });
      items.push({ href: paths.organisation.sites.build({ org: slug }), text: 'Sites' });
    }
    if (hasPermission(principal.grants, 'accounts.manage', organisationId)) {
      items.push({ href: paths.organisation.accounts.build({ org: slug }), text: 'Accounts' });
    }
  }
  const path = url.split('?')[0] ?? url;
  return items.map((item) => ({
    ...item,
    active: item.href === '/' ? path === '/' : path === item.href || path.startsWith(`${item.href}/`),
  }));
}

import type { PermissionTable } from '../domain/roles.ts';
import type { Capability } from './capability.ts';
import { paths } from './paths.ts';
import type { OrganisationContext, Principal } from './types.ts';

export interface NavigationItem {
  href: string;
  text: string;
  active: boolean;
}

/**
 * The service navigation for a signed-in person: Home, then each module's entries in module
 * order, only what their roles let them use, in the organisation they are looking at; elsewhere
 * (their home page), in the organisation they work for, where they have a person record, or else
 * the first they hold roles in.
 */
export function navigationFor(
  principal: Principal,
  current: OrganisationContext | null,
  url: string,
  modules: readonly Capability[],
  permissions: PermissionTable,
): NavigationItem[] {
  const items: { href: string; text: string }[] = [{ href: paths.home.build(), text: 'Home' }];
  const organisation =
    current ??
    principal.organisations.find((o) => principal.personIds.has(o.id)) ??
    principal.organisations[0] ??
    null;
  for (const entry of modules.flatMap((m) => m.navigation ?? [])) {
    if (entry.permission.startsWith('partnership.')) {
      if (permissions.allows(principal.grants, entry.permission, null)) {
        items.push({ href: entry.href(''), text: entry.text });
      }
      continue;
    }
    if (!organisation) continue;
    if (!permissions.allows(principal.grants, entry.permission, organisation.id)) continue;
    if (entry.ownRecord && !principal.personIds.has(organisation.id)) continue;
    items.push({ href: entry.href(organisation.slug), text: entry.text });
  }
  const path = url.split('?')[0] ?? url;
  return items.map((item) => ({
    ...item,
    active: item.href === '/' ? path === '/' : path === item.href || path.startsWith(`${item.href}/`),
  }));
}

import type { Services } from '../../services.ts';
import { safeReturnTo } from './return-to.ts';
import { singleSignOnPaths } from './single-sign-on-paths.ts';
import { enabledSingleSignOns } from './single-sign-on-service.ts';

/**
 * What the sign-in page offers of single sign-on: the way to sign in with one's organisation's
 * account, when any organisation has it turned on; straight to the organisation's provider when
 * its rule has just refused a password.
 */
export async function singleSignOnChoice(
  services: Services,
  returnTo: string | undefined,
  requiredBy: { slug: string } | null,
): Promise<{ href: string; required: boolean } | null> {
  const query = `?${new URLSearchParams({ returnTo: safeReturnTo(returnTo, services.config.publicUrl) })}`;
  if (requiredBy) {
    return { href: `${singleSignOnPaths.start.build({ org: requiredBy.slug })}${query}`, required: true };
  }
  if ((await enabledSingleSignOns(services)).length === 0) return null;
  return { href: `${singleSignOnPaths.findOrganisation.build()}${query}`, required: false };
}

/** Why a right password was refused: the organisation requires single sign-on. */
export function passwordRefusal(organisation: { name: string }): string {
  return `${organisation.name} asks everyone to sign in with their organisation’s account, so you cannot sign in to Wellwork with a password. Sign in with your organisation’s account instead.`;
}

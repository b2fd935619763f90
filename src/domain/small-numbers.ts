/**
 * Small numbers in aggregates shown outside HR (SPEC §2 and §5). A count of fewer than 5
 * episodes or people is shown as "fewer than 5", and a group of fewer than 5 people shows no
 * figures at all: a rate of a three-person team is close to personal information about each of
 * them. HR see every number.
 */
import type { Grant } from './roles.ts';

/** The smallest count shown as it is outside HR. */
export const SMALLEST_COUNT_SHOWN = 5;

export const FEWER_THAN_5 = 'fewer than 5';

/**
 * Who is looking: `full` sees every number (HR, who may run the absence report itself);
 * `suppressed` sees small numbers hidden (everyone else with access to the aggregates).
 */
export type Audience = 'full' | 'suppressed';

/**
 * The audience of an account in an organisation: those who may see the full absence report
 * (HR) see the figures in full; everyone else has small numbers suppressed.
 */
export function audienceFor(grants: readonly Grant[], organisationId: number): Audience {
  return grants.some((g) => g.organisationId === organisationId && g.role === 'hr') ? 'full' : 'suppressed';
}

/** A count as it may be shown: the number, or "fewer than 5" when the audience may not see it. */
export function shownCount(count: number, audience: Audience): number | typeof FEWER_THAN_5 {
  return audience === 'suppressed' && count < SMALLEST_COUNT_SHOWN ? FEWER_THAN_5 : count;
}

/** Whether a group's figures are withheld altogether: fewer than 5 people, outside HR. */
export function groupWithheld(headcount: number, audience: Audience): boolean {
  return audience === 'suppressed' && headcount < SMALLEST_COUNT_SHOWN;
}

export const WITHHELD_NOTE = 'Not shown: fewer than 5 people';

/**
 * Secondary suppression (`secondary-suppression.ts`): a figure that is not small itself, hidden
 * because with it shown a small one could be worked out from a total less the rest.
 */
export const COMPLEMENT_NOTE = 'Not shown, so a small group cannot be worked out';

/** A count hidden by secondary suppression, as its cell shows it. */
export const COMPLEMENT_COUNT = 'not shown, so a small number cannot be worked out';

/** The note of a row whose figures are hidden, by why. */
export function withheldNote(because: 'small' | 'complement'): string {
  return because === 'small' ? WITHHELD_NOTE : COMPLEMENT_NOTE;
}

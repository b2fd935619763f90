import type { HomeContribution, HomeTask } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';
import { organisationsRepository } from '../partnership/organisations-repository.ts';
import { ukDate } from '../../domain/date-words.ts';
import { addDays } from '../../domain/dates.ts';

export interface AgreementState {
  organisationName: string;
  organisationSlug: string;
  endDate: string | null;
  startDate: string;
}

/** How many days ahead a partnership admin is told an agreement is ending. */
export const AGREEMENT_NOTICE_DAYS = 90;

/**
 * The partnership admin's tasks from the membership agreements: organisations with no
 * agreement in force, and agreements ending soon. A pure function of the agreements and today.
 */
export function agreementTasks(
  organisations: readonly { name: string; slug: string }[],
  agreements: readonly AgreementState[],
  today: string,
  link: (slug: string) => string,
): HomeTask[] {
  const tasks: HomeTask[] = [];
  const horizon = addDays(today, AGREEMENT_NOTICE_DAYS);
  for (const organisation of organisations) {
    const own = agreements.filter((a) => a.organisationSlug === organisation.slug);
    const inForce = own.filter((a) => a.startDate <= today && (a.endDate === null || a.endDate >= today));
    const following = own.some((a) => a.startDate > today);
    if (inForce.length === 0) {
      tasks.push({
        title: `${organisation.name} has no membership agreement in force`,
        href: link(organisation.slug),
        status: 'overdue',
      });
      continue;
    }
    const ending = inForce.find((a) => a.endDate !== null && a.endDate <= horizon);
    if (ending?.endDate && !following) {
      tasks.push({
        title: `Renew ${organisation.name}’s membership agreement`,
        hint: `It ends on ${ukDate(ending.endDate)}`,
        href: link(organisation.slug),
        status: 'to-do',
      });
    }
  }
  return tasks;
}

/** The partnership admin's home page: the agreements to see to, and where they are kept. */
export const homePage: HomeContribution[] = [
  {
    role: 'partnership_admin',
    async part({ db, date }) {
      const partnership = organisationsRepository(db);
      const organisations = await partnership.list();
      const byId = new Map(organisations.map((o) => [o.id, o]));
      const agreements = (await partnership.allAgreements()).map((a) => ({
        organisationName: byId.get(a.organisationId)?.name ?? '',
        organisationSlug: byId.get(a.organisationId)?.slug ?? '',
        startDate: a.startDate,
        endDate: a.endDate,
      }));
      return {
        tasks: agreementTasks(organisations, agreements, date, (slug) =>
          paths.partnership.organisation.build({ org: slug }),
        ),
        links: [{ href: paths.partnership.organisations.build(), text: 'Organisations and agreements' }],
      };
    },
  },
];

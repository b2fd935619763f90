/** The line manager's team: who is off today, who is due back, fit notes needed and the month's calendar. */
import type { FastifyInstance } from 'fastify';
import { addDays, earlierOf, isRealDate } from '../../domain/dates.ts';
import { today } from '../../domain/today.ts';
import { ruleOn, SELF_CERTIFICATION_DAYS } from '../../reference/statutory-rules.ts';
import type { Services } from '../../services.ts';
import { paths } from '../../web/paths.ts';
import { organisationRecordOf, ownPersonId } from '../../web/request-context.ts';
import { peopleRepository } from '../people/people-repository.ts';
import { fitNotesNeeded } from './absence-service.ts';
import { absencesRepository } from './absences-repository.ts';
import { fitNoteNeededText, teamCalendar } from './absence-views.ts';
import { absenceRow } from './page-support.ts';

export function registerTeamPage(app: FastifyInstance, services: Services) {
  const { database } = services;

  app.get(
    paths.organisation.team.pattern,
    { config: { access: { kind: 'permission', permission: 'team.view' }, audit: 'team.viewed' } },
    async (request, reply) => {
      const organisation = organisationRecordOf(request);
      const managerId = ownPersonId(request);
      const date = today();
      const monthParam = (request.query as { month?: string }).month;
      const month =
        typeof monthParam === 'string' && /^\d{4}-\d{2}$/.test(monthParam) && isRealDate(`${monthParam}-01`)
          ? monthParam
          : date.slice(0, 7);
      const data = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
        const team = await peopleRepository(db, organisation.id).reportingLine(managerId, date);
        const ids = team.map((p) => p.id);
        // Only what the page shows: off today, back within a week, and the month's calendar.
        const endingFrom = earlierOf(`${month}-01`, addDays(date, -1));
        const absences = await absencesRepository(db, organisation.id).forPeople(ids, { endingFrom });
        const fitNotes = await fitNotesNeeded(
          db,
          organisation.id,
          ids,
          date,
          ruleOn(SELF_CERTIFICATION_DAYS, date),
        );
        return { team, absences, fitNotes };
      });
      const byId = new Map(data.team.map((p) => [p.id, p]));
      const name = (id: number) => {
        const p = byId.get(id);
        return p ? `${p.first_name} ${p.last_name}` : '';
      };
      const personHref = (id: number) =>
        paths.organisation.person.build({ org: organisation.slug, personId: id });
      const offToday = data.absences.filter(
        (a) => a.startDate <= date && (a.endDate === null || a.endDate >= date),
      );
      // Back on a day after today and within the week: whoever's last day was yesterday is back.
      const dueBack = data.absences.filter(
        (a) => a.endDate !== null && a.endDate >= date && a.endDate < addDays(date, 7),
      );
      return reply.render('absences/views/team.njk', {
        pageTitle: 'My team',
        team: data.team.map((p) => ({
          ...p,
          href: personHref(p.id),
          recordHref: paths.organisation.recordAbsence.build({ org: organisation.slug, personId: p.id }),
        })),
        offToday: offToday.map((a) => ({
          ...absenceRow(a, null),
          name: name(a.personId),
          href: personHref(a.personId),
        })),
        dueBack: dueBack.map((a) => ({
          ...absenceRow(a, null),
          name: name(a.personId),
          href: personHref(a.personId),
          backOn: addDays(a.endDate ?? date, 1),
        })),
        fitNotes: data.fitNotes.map((f) => ({
          ...f,
          text: fitNoteNeededText(f, date),
          name: name(f.person_id),
          href: paths.organisation.absence.build({
            org: organisation.slug,
            personId: f.person_id,
            absenceId: f.id,
          }),
        })),
        calendar: teamCalendar(month, data.team, data.absences),
        month,
        previousMonthHref: `${paths.organisation.team.build({ org: organisation.slug })}?month=${shiftMonth(month, -1)}`,
        nextMonthHref: `${paths.organisation.team.build({ org: organisation.slug })}?month=${shiftMonth(month, 1)}`,
      });
    },
  );
}

function shiftMonth(month: string, by: number): string {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1 + by;
  const date = new Date(Date.UTC(year, index, 1));
  return date.toISOString().slice(0, 7);
}

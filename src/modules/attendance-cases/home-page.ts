import { STAGE_NAMES } from '../../domain/attendance-stages.ts';
import { ukDate } from '../../domain/date-words.ts';
import { addDays } from '../../domain/dates.ts';
import type { HomeContribution } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';
import { attendanceCasesRepository } from './attendance-cases-repository.ts';

/** A meeting whose day has come needs its record: what was discussed, the outcome and why. */
export const homePage: HomeContribution[] = [
  {
    role: 'line_manager',
    async part({ db, organisation, personId, date }) {
      if (personId === null) return {};
      const meetings = await attendanceCasesRepository(db, organisation.id).meetingsAwaitingOutcome({
        byDate: date,
        onDate: date,
        managerPersonId: personId,
      });
      return {
        tasks: meetings.map((m) => ({
          title: `Record ${m.first_name} ${m.last_name}’s ${STAGE_NAMES[m.stage].toLowerCase()}`,
          hint: `Arranged for ${ukDate(m.meeting_date)}: record what was discussed, the outcome and the rationale`,
          href: paths.organisation.stageMeeting.build({
            org: organisation.slug,
            personId: m.person_id,
            caseId: m.case_id,
            meetingId: m.id,
          }),
          status: m.meeting_date < date ? ('overdue' as const) : ('to-do' as const),
        })),
      };
    },
  },
  {
    role: 'hr',
    async part({ db, organisation, date }) {
      const unrecorded = (
        await attendanceCasesRepository(db, organisation.id).meetingsAwaitingOutcome({
          byDate: addDays(date, -1),
          onDate: date,
        })
      ).length;
      const href = paths.organisation.attendanceCases.build({ org: organisation.slug });
      return {
        tasks:
          unrecorded > 0
            ? [
                {
                  title: `${unrecorded} attendance ${unrecorded === 1 ? 'meeting has' : 'meetings have'} passed with no outcome recorded`,
                  hint: 'Overdue cases are marked on the case list',
                  href: `${href}?overdue=yes`,
                  status: 'overdue' as const,
                },
              ]
            : [],
        links: [{ href, text: 'Attendance cases' }],
      };
    },
  },
];

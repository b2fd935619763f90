import { ruleOn, SELF_CERTIFICATION_DAYS } from '../../reference/statutory-rules.ts';
import type { HomeContribution } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';
import { peopleRepository } from '../people/people-repository.ts';
import { fitNotesNeeded, offSickOn } from './absence-service.ts';
import { fitNoteNeededText } from './absence-views.ts';

/**
 * The employee's own absence on their home page (their sickness while they are off, and where to
 * report it), and the line manager's team with the fit notes to ask them for.
 */
export const homePage: HomeContribution[] = [
  {
    role: 'employee',
    async part({ db, organisation, personId, date }) {
      if (personId === null) return {};
      const offSick = await offSickOn(db, organisation, personId, date);
      const org = organisation.slug;
      return {
        // While off sick, the section says so and how to say they are back instead.
        extras: { offSick },
        links: [
          { href: paths.organisation.myAbsence.build({ org }), text: 'My absence' },
          ...(offSick
            ? []
            : [{ href: paths.organisation.reportSickness.build({ org }), text: 'Report sickness' }]),
        ],
      };
    },
  },
  {
    role: 'line_manager',
    async part({ db, organisation, personId, date }) {
      const org = organisation.slug;
      const team =
        personId === null ? [] : await peopleRepository(db, organisation.id).directReports(personId, date);
      const needed = await fitNotesNeeded(
        db,
        organisation.id,
        team.map((p) => p.id),
        date,
        ruleOn(SELF_CERTIFICATION_DAYS, date),
      );
      const names = new Map(team.map((p) => [p.id, `${p.first_name} ${p.last_name}`]));
      return {
        tasks: needed.map((f) => ({
          title: `Ask ${names.get(f.person_id) ?? 'them'} for a ${f.missing.hasFitNote ? 'further ' : ''}fit note`,
          hint: fitNoteNeededText(f, date),
          href: paths.organisation.absence.build({ org, personId: f.person_id, absenceId: f.id }),
          status: 'overdue' as const,
        })),
        links: [{ href: paths.organisation.team.build({ org }), text: 'My team' }],
        extras: {
          team: team.map((p) => ({
            name: `${p.first_name} ${p.last_name}`,
            employeeNumber: p.employee_number,
            href: paths.organisation.person.build({ org, personId: p.id }),
          })),
        },
      };
    },
  },
  {
    role: 'hr',
    async part({ organisation }) {
      return {
        imports: [
          {
            href: paths.organisation.absencesImport.build({ org: organisation.slug }),
            text: 'Import absences',
          },
        ],
      };
    },
  },
];

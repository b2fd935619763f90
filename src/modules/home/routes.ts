import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { ROLE_NAMES, type Role } from '../../domain/roles.ts';
import { addDays } from '../../domain/dates.ts';
import { ukDate } from '../../domain/date-words.ts';
import { inRoleOrder } from '../../domain/labels.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { paths } from '../../web/paths.ts';
import type { Principal } from '../../web/types.ts';
import { peopleRepository } from '../people/people-repository.ts';
import { agreementTasks, EMPTY_TASK_LIST, type Task } from './home-tasks.ts';
import { fitNotesNeeded, offSickOn, type OffSick } from '../absences/absence-service.ts';
import { fitNoteNeededText } from '../absences/absence-views.ts';
import { welcomeBackReviewsRepository } from '../welcome-back-reviews/welcome-back-reviews-repository.ts';
import { actionPlansRepository } from '../action-plans/action-plans-repository.ts';
import { attendanceCasesRepository } from '../attendance-cases/attendance-cases-repository.ts';
import { STAGE_NAMES } from '../../domain/attendance-stages.ts';
import { triggeredPeople } from '../attendance-triggers/triggered-people.ts';
import { invitationsToAnswer } from '../user-accounts/accounts-service.ts';
import { ruleOn, SELF_CERTIFICATION_DAYS } from '../../reference/statutory-rules.ts';

interface RoleSection {
  role: Role;
  roleName: string;
  tasks: Task[];
  emptyText: string;
  links: { href: string; text: string }[];
  team?: { name: string; href: string; employeeNumber: string }[];
  /** The employee's own sickness, while they are off: shown in place of "Report sickness". */
  offSick?: OffSick | null;
}

/** "Line manager" → "line manager", keeping initialisms such as HR and OH. */
function asHeading(name: string): string {
  return /^[A-Z]{2}/.test(name) ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

interface OrganisationSection {
  name: string;
  slug: string;
  roles: RoleSection[];
}

/** Each role's home page: its task list and where it can go. */
export function homeRoutes(services: Services) {
  async function sectionsFor(principal: Principal): Promise<OrganisationSection[]> {
    const date = today();
    const sections: OrganisationSection[] = [];
    for (const organisation of principal.organisations) {
      const roles = principal.grants.filter((g) => g.organisationId === organisation.id).map((g) => g.role);
      const slug = organisation.slug;
      const personId = principal.personIds.get(organisation.id) ?? null;
      const data = await services.database.scoped({ organisationIds: [organisation.id] }, async (db) => {
        const people = peopleRepository(db, organisation.id);
        const team =
          roles.includes('line_manager') && personId !== null
            ? await people.directReports(personId, date)
            : [];
        const withoutManager = roles.includes('hr')
          ? await queryRows<{ n: number }>(
              db,
              sql`
              select count(*)::int as n from people p
              join lateral (
                select s.manager_person_id from employment_spells s
                where s.organisation_id = p.organisation_id and s.person_id = p.id and s.effective_from <= ${date}::date
                order by s.effective_from desc limit 1
              ) s on true
              where p.organisation_id = ${organisation.id} and s.manager_person_id is null
                and p.start_date <= ${date}::date and (p.end_date is null or p.end_date >= ${date}::date)`,
            )
          : null;
        const needed =
          team.length > 0
            ? await fitNotesNeeded(
                db,
                organisation.id,
                team.map((p) => p.id),
                date,
                ruleOn(SELF_CERTIFICATION_DAYS, date),
              )
            : [];
        const names = new Map(team.map((p) => [p.id, `${p.first_name} ${p.last_name}`]));
        const fitNotes: Task[] = needed.map((f) => ({
          title: `Ask ${names.get(f.person_id) ?? 'them'} for a ${f.missing.hasFitNote ? 'further ' : ''}fit note`,
          hint: fitNoteNeededText(f, date),
          href: paths.organisation.absence.build({ org: slug, personId: f.person_id, absenceId: f.id }),
          status: 'overdue',
        }));
        const reviews = welcomeBackReviewsRepository(db, organisation.id);
        const reviewTasks: Task[] =
          roles.includes('line_manager') && personId !== null
            ? (await reviews.list({ open: true, managerPersonId: personId, employedOn: date })).map((r) => ({
                title: `Hold ${r.first_name} ${r.last_name}’s welcome-back review`,
                hint: `Back after sickness to ${ukDate(r.end_date)}; due by ${ukDate(r.due_date)}`,
                href: paths.organisation.welcomeBackReview.build({
                  org: slug,
                  personId: r.person_id,
                  reviewId: r.id,
                }),
                status: r.due_date < date ? 'overdue' : 'to-do',
              }))
            : [];
        const planTasks: Task[] =
          roles.includes('line_manager') && personId !== null
            ? (
                await actionPlansRepository(db, organisation.id).reviewsDue({
                  byDate: addDays(date, 7),
                  managerPersonId: personId,
                  employedOn: date,
                })
              ).map((p) => ({
                title: `Review ${p.first_name} ${p.last_name}’s action plan`,
                hint: `Review due on ${ukDate(p.next_review_date)}`,
                href: paths.organisation.actionPlan.build({ org: slug, personId: p.person_id, planId: p.id }),
                status: p.next_review_date < date ? 'overdue' : 'to-do',
              }))
            : [];
        const toConfirm: Task[] =
          roles.includes('employee') && personId !== null
            ? (await reviews.forPerson(personId))
                .filter((r) => r.completedAt !== null && r.confirmedAt === null)
                .map((r) => ({
                  title: 'Read and confirm your welcome-back review',
                  href: paths.organisation.myWelcomeBackReview.build({ org: slug, reviewId: r.id }),
                  status: 'to-do',
                }))
            : [];
        const offSick =
          roles.includes('employee') && personId !== null
            ? await offSickOn(db, organisation, personId, date)
            : null;
        const overdueReviews = roles.includes('hr') ? await reviews.overdueCount(date) : 0;
        // A meeting whose day has come needs its record: what was discussed, the outcome and why.
        const cases = attendanceCasesRepository(db, organisation.id);
        const meetingTasks: Task[] =
          roles.includes('line_manager') && personId !== null
            ? (
                await cases.meetingsAwaitingOutcome({ byDate: date, onDate: date, managerPersonId: personId })
              ).map((m) => ({
                title: `Record ${m.first_name} ${m.last_name}’s ${STAGE_NAMES[m.stage].toLowerCase()}`,
                hint: `Arranged for ${ukDate(m.meeting_date)}: record what was discussed, the outcome and the rationale`,
                href: paths.organisation.stageMeeting.build({
                  org: slug,
                  personId: m.person_id,
                  caseId: m.case_id,
                  meetingId: m.id,
                }),
                status: m.meeting_date < date ? 'overdue' : 'to-do',
              }))
            : [];
        const unrecordedMeetings = roles.includes('hr')
          ? (await cases.meetingsAwaitingOutcome({ byDate: addDays(date, -1), onDate: date })).length
          : 0;
        // A trigger asks the manager to talk with the person; once a case is open, its stages lead.
        const triggerTasks: Task[] =
          roles.includes('line_manager') && personId !== null
            ? (await triggeredPeople(db, organisation.id, date, { managerPersonId: personId }))
                .filter((p) => p.toTalkWith)
                .map((p) => ({
                  title: `Talk with ${p.name} about their attendance`,
                  hint: p.readingText,
                  href: paths.organisation.person.build({ org: slug, personId: p.personId }),
                  status: 'to-do',
                }))
            : [];
        const triggered = roles.includes('hr')
          ? (await triggeredPeople(db, organisation.id, date)).filter((p) => p.toTalkWith).length
          : 0;
        return {
          team,
          withoutManager: withoutManager?.[0]?.n ?? 0,
          fitNotes,
          reviewTasks,
          planTasks,
          toConfirm,
          offSick,
          overdueReviews,
          triggerTasks,
          triggered,
          meetingTasks,
          unrecordedMeetings,
        };
      });
      const peopleHref = paths.organisation.people.build({ org: slug });
      const roleSections: RoleSection[] = [];
      // The sections in the one order roles are read in everywhere, the most far-reaching first.
      for (const role of inRoleOrder(roles)) {
        const section: RoleSection = {
          role,
          roleName: asHeading(ROLE_NAMES[role]),
          tasks: [],
          emptyText: EMPTY_TASK_LIST[role],
          links: [],
        };
        switch (role) {
          case 'employee':
            section.tasks.push(...data.toConfirm);
            section.offSick = data.offSick;
            if (personId !== null) {
              section.links.push({
                href: paths.organisation.myAbsence.build({ org: slug }),
                text: 'My absence',
              });
              // While off sick, the section says so and how to say they are back instead.
              if (!data.offSick) {
                section.links.push({
                  href: paths.organisation.reportSickness.build({ org: slug }),
                  text: 'Report sickness',
                });
              }
              section.links.push({
                href: paths.organisation.myAttendance.build({ org: slug }),
                text: 'My wellbeing and attendance',
              });
            }
            break;
          case 'line_manager':
            section.tasks.push(
              ...data.meetingTasks,
              ...data.reviewTasks,
              ...data.planTasks,
              ...data.fitNotes,
              ...data.triggerTasks,
            );
            section.links.push({ href: paths.organisation.team.build({ org: slug }), text: 'My team' });
            section.links.push({
              href: paths.organisation.managementInformation.build({ org: slug }),
              text: 'Management information',
            });
            section.team = data.team.map((p) => ({
              name: `${p.first_name} ${p.last_name}`,
              employeeNumber: p.employee_number,
              href: paths.organisation.person.build({ org: slug, personId: p.id }),
            }));
            break;
          case 'hr':
            if (data.withoutManager > 0) {
              section.tasks.push({
                title: `Record a line manager for ${data.withoutManager} ${data.withoutManager === 1 ? 'person' : 'people'}`,
                hint: 'Without a line manager, nobody is asked to hold their welcome-back reviews',
                href: `${peopleHref}?manager=none`,
                status: 'to-do',
              });
            }
            if (data.overdueReviews > 0) {
              section.tasks.push({
                title: `${data.overdueReviews} welcome-back ${data.overdueReviews === 1 ? 'review is' : 'reviews are'} overdue`,
                hint: 'Follow up with the line managers',
                href: paths.organisation.welcomeBackReviews.build({ org: slug }),
                status: 'overdue',
              });
            }
            if (data.unrecordedMeetings > 0) {
              section.tasks.push({
                title: `${data.unrecordedMeetings} attendance ${data.unrecordedMeetings === 1 ? 'meeting has' : 'meetings have'} passed with no outcome recorded`,
                hint: 'Overdue cases are marked on the case list',
                href: `${paths.organisation.attendanceCases.build({ org: slug })}?overdue=yes`,
                status: 'overdue',
              });
            }
            if (data.triggered > 0) {
              section.tasks.push({
                title: `${data.triggered} ${data.triggered === 1 ? 'person' : 'people'} to talk with about reaching an attendance trigger`,
                hint: 'Make sure their line managers talk with them, then record the talk',
                href: paths.organisation.attendanceTriggers.build({ org: slug }),
                status: 'to-do',
              });
            }
            section.links.push({ href: peopleHref, text: 'People' });
            section.links.push({
              href: paths.organisation.welcomeBackReviews.build({ org: slug }),
              text: 'Welcome-back reviews',
            });
            section.links.push({
              href: paths.organisation.attendanceCases.build({ org: slug }),
              text: 'Attendance cases',
            });
            section.links.push({
              href: paths.organisation.attendanceTriggers.build({ org: slug }),
              text: 'Attendance triggers',
            });
            section.links.push({
              href: paths.organisation.attendanceSettings.build({ org: slug }),
              text: 'Attendance policy settings',
            });
            section.links.push({
              href: paths.organisation.absenceReport.build({ org: slug }),
              text: 'Absence report',
            });
            section.links.push({
              href: paths.organisation.managementInformation.build({ org: slug }),
              text: 'Management information',
            });
            section.links.push({
              href: paths.organisation.peopleImport.build({ org: slug }),
              text: 'Import people',
            });
            section.links.push({
              href: paths.organisation.absencesImport.build({ org: slug }),
              text: 'Import absences',
            });
            break;
          case 'organisation_admin':
            section.links.push(
              { href: paths.organisation.units.build({ org: slug }), text: 'Units' },
              { href: paths.organisation.sites.build({ org: slug }), text: 'Sites' },
              { href: peopleHref, text: 'People' },
              { href: paths.organisation.accounts.build({ org: slug }), text: 'Accounts and roles' },
              { href: paths.organisation.apiKeys.build({ org: slug }), text: 'API keys' },
            );
            break;
          case 'partnership_admin': {
            const organisations = await services.organisations.list();
            const bySlug = new Map(organisations.map((o) => [o.id, o]));
            const agreements = (await services.organisations.allAgreements()).map((a) => ({
              organisationName: bySlug.get(a.organisationId)?.name ?? '',
              organisationSlug: bySlug.get(a.organisationId)?.slug ?? '',
              startDate: a.startDate,
              endDate: a.endDate,
            }));
            section.tasks = agreementTasks(organisations, agreements, date, (s) =>
              paths.partnership.organisation.build({ org: s }),
            );
            section.links.push({
              href: paths.partnership.organisations.build(),
              text: 'Organisations and agreements',
            });
            break;
          }
          case 'oh_clinician':
          case 'oh_admin':
          case 'programme_team':
          case 'facilitator':
            break;
          default: {
            const unknown: never = role;
            throw new Error(`No home section for ${String(unknown)}`);
          }
        }
        roleSections.push(section);
      }
      sections.push({ name: organisation.name, slug, roles: roleSections });
    }
    return sections;
  }

  return async (app: FastifyInstance) => {
    app.get(paths.home.pattern, { config: { access: { kind: 'signed-in' } } }, async (request, reply) => {
      const principal = request.principal;
      if (!principal) return reply.redirect(paths.signIn.build());
      return reply.render('home/views/home.njk', {
        pageTitle: 'Home',
        invitations: await invitationsToAnswer(services, principal.userId),
        organisations: await sectionsFor(principal),
      });
    });

    app.get(
      paths.accessibility.pattern,
      { config: { access: { kind: 'public' } } },
      async (_request, reply) => reply.render('accessibility.njk', { pageTitle: 'Accessibility statement' }),
    );
    app.get(paths.privacy.pattern, { config: { access: { kind: 'public' } } }, async (_request, reply) =>
      reply.render('privacy.njk', { pageTitle: 'Privacy' }),
    );
  };
}

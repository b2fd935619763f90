import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { rollingWindow } from '../../domain/attendance-triggers.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { audit, changedFields } from '../../web/audit.ts';
import { dateFromParts, dateParts, type FieldError } from '../../web/forms.ts';
import { chooseFilters, listHref, listView, queryField, readListQuery } from '../../web/list-query.ts';
import { ukDate } from '../../web/nunjucks.ts';
import { pageOfRows } from '../../web/pagination.ts';
import { paths } from '../../web/paths.ts';
import { formBody, idParam, organisationOf, textField, userIdOf } from '../../web/request-context.ts';
import { attendanceSettingsRepository } from '../attendance-settings/attendance-settings-repository.ts';
import { structureRepository } from '../people/structure-repository.ts';
import { peopleRepository } from '../people/people-repository.ts';
import { sortTriggered, TRIGGER_SORTS, triggerListRows, triggerSummary } from './trigger-list-view.ts';
import { triggerTalksRepository } from './trigger-talks-repository.ts';
import { triggeredPeople } from './triggered-people.ts';

const OVERSEE = { kind: 'permission', permission: 'attendance.oversee' } as const;

/** The longest note of what came of a talk. */
const OUTCOME_MAX = 2000;

/** HR's list of the people on the trigger-based policy who have reached a trigger, and the talks held. */
export function attendanceTriggersRoutes(services: Services) {
  const { database } = services;

  /**
   * The person of the organisation the address names (else not found), with their reading if
   * they have reached a trigger today (else null: there is no talk to record).
   */
  async function talkSubject(organisationId: number, personId: number) {
    return database.scoped({ organisationIds: [organisationId] }, async (db) => {
      const person = await peopleRepository(db, organisationId).find(personId);
      if (!person) throw notFound();
      const [triggered] = await triggeredPeople(db, organisationId, today(), { personId });
      return { name: `${person.firstName} ${person.lastName}`, triggered: triggered ?? null };
    });
  }

  function talkPage(
    subject: Awaited<ReturnType<typeof talkSubject>>,
    org: string,
    extra: Record<string, unknown>,
  ) {
    return {
      pageTitle: `Record the talk with ${subject.name}`,
      name: subject.name,
      person: subject.triggered,
      latestSicknessFrom: subject.triggered ? ukDate(subject.triggered.latestSicknessFrom) : null,
      outcomeMax: OUTCOME_MAX,
      backLink: paths.organisation.attendanceTriggers.build({ org }),
      ...extra,
    };
  }

  return async (app: FastifyInstance) => {
    app.get(
      paths.organisation.attendanceTriggers.pattern,
      { config: { access: OVERSEE, audit: 'attendance-triggers.viewed' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const date = today();
        const { value: query, errors } = readListQuery(request.query, TRIGGER_SORTS, 'name');
        const show = queryField(
          request.query,
          'show',
          z.enum(['to-talk', 'all']),
          'to-talk',
          'Show the people still to talk with or everyone who has reached a trigger',
          errors,
        );
        const data = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const managers = await peopleRepository(db, organisation.id).lineManagers(date);
          const units = await structureRepository(db, organisation.id).units();
          const { manager, unit, unitIds } = chooseFilters(query, managers, units, errors);
          return {
            managers,
            units,
            manager,
            unit,
            // Who has reached a trigger is worked out from each person's spells (SPEC §4C), so the
            // query filters by manager and unit, and the readings are sorted and paged here.
            people: await triggeredPeople(db, organisation.id, date, {
              ...(manager === null ? {} : { lineManagerPersonId: manager }),
              ...(unitIds === null ? {} : { unitIds }),
            }),
            settings: await attendanceSettingsRepository(db, organisation.id).settings(),
          };
        });
        const listed = show === 'all' ? data.people : data.people.filter((p) => p.toTalkWith);
        const shown = pageOfRows(sortTriggered(listed, query.sort, query.order), query.page);
        const base = paths.organisation.attendanceTriggers.build({ org: organisation.slug });
        return reply.status(errors.length > 0 ? 400 : 200).render('attendance-triggers/views/triggers.njk', {
          pageTitle: 'Attendance triggers',
          show,
          window: rollingWindow(date),
          triggers: triggerSummary(data.settings),
          ...listView({
            base,
            filters: { show: show === 'all' ? show : null },
            query,
            sorts: TRIGGER_SORTS,
            columns: [
              { text: 'Person', sort: 'name' },
              { text: 'Unit', sort: 'unit' },
              { text: 'Line manager', sort: 'manager' },
              { text: 'Reading', sort: 'bradford' },
              { text: 'Latest sickness from', sort: 'latest' },
              { text: 'Status' },
            ],
            shown,
            errors,
            managers: data.managers,
            units: data.units,
            chosen: data,
          }),
          rows: triggerListRows(
            shown.rows,
            (personId) => paths.organisation.person.build({ org: organisation.slug, personId }),
            (personId) =>
              paths.organisation.attendanceTriggerTalk.build({ org: organisation.slug, personId }),
          ),
          reached: data.people.length,
          toTalkWith: data.people.filter((p) => p.toTalkWith).length,
          toTalkHref: listHref(base, { manager: data.manager, unit: data.unit }),
          allHref: listHref(base, { show: 'all', manager: data.manager, unit: data.unit }),
          settingsHref: paths.organisation.attendanceSettings.build({ org: organisation.slug }),
        });
      },
    );

    // ------------------------------------------------------------ HR records the talk held

    app.get(
      paths.organisation.attendanceTriggerTalk.pattern,
      { config: { access: OVERSEE, audit: 'attendance-trigger-talk.viewed' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const subject = await talkSubject(organisation.id, idParam(request, 'personId'));
        const held = dateParts(today());
        return reply.render(
          'attendance-triggers/views/talk.njk',
          talkPage(subject, organisation.slug, {
            values: {
              'heldOn-day': held.day,
              'heldOn-month': held.month,
              'heldOn-year': held.year,
              outcome: '',
            },
          }),
        );
      },
    );

    app.post(
      paths.organisation.attendanceTriggerTalk.pattern,
      { config: { access: OVERSEE } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const personId = idParam(request, 'personId');
        const body = formBody(request);
        const subject = await talkSubject(organisation.id, personId);
        const person = subject.triggered;
        if (!person) {
          return reply.status(400).render(
            'attendance-triggers/views/talk.njk',
            talkPage(subject, organisation.slug, {
              values: body,
              errors: [
                {
                  text: `${subject.name} has not reached an attendance trigger, so there is no talk to record`,
                  href: '#heldOn-day',
                },
              ],
            }),
          );
        }
        const errors: FieldError[] = [];
        const held = dateFromParts(body, 'heldOn', 'The date of the talk');
        if (held.error) errors.push({ text: held.error, href: '#heldOn-day' });
        else if (!held.value) errors.push({ text: 'Enter the date the talk happened', href: '#heldOn-day' });
        else if (held.value > today())
          errors.push({ text: 'The date of the talk must be today or in the past', href: '#heldOn-day' });
        else if (held.value < person.latestSicknessFrom)
          errors.push({
            text: `The date of the talk must be on or after ${ukDate(person.latestSicknessFrom)}, when their latest sickness began`,
            href: '#heldOn-day',
          });
        const outcome = textField(body, 'outcome');
        if (outcome.length > OUTCOME_MAX)
          errors.push({
            text: `What came of the talk must be ${OUTCOME_MAX.toLocaleString('en-GB')} characters or fewer`,
            href: '#outcome',
          });
        if (errors.length > 0 || !held.value) {
          return reply
            .status(400)
            .render(
              'attendance-triggers/views/talk.njk',
              talkPage(subject, organisation.slug, { values: body, errors }),
            );
        }
        const heldOn = held.value;
        await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          const talkId = await triggerTalksRepository(db, organisation.id).record({
            personId,
            heldOn,
            outcome: outcome === '' ? null : outcome,
            userId: userIdOf(request),
          });
          await audit(db, request, {
            action: 'attendance-trigger-talk.recorded',
            subjectType: 'attendance_trigger_talk',
            subjectId: talkId,
            detail: { personId, heldOn, changed: changedFields(null, { heldOn, outcome }) },
          });
        });
        request.session.set('flash', {
          title: `Talk with ${person.name} recorded`,
          text: `Held on ${ukDate(heldOn)}. ${person.firstName} is no longer on the list of people to talk with.`,
        });
        return reply.redirect(paths.organisation.attendanceTriggers.build({ org: organisation.slug }));
      },
    );
  };
}

import type { FastifyInstance } from 'fastify';
import { rollingWindow } from '../../domain/attendance-triggers.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { paths } from '../../web/paths.ts';
import { organisationOf } from '../../web/request-context.ts';
import { attendanceSettingsRepository } from '../attendance-settings/attendance-settings-repository.ts';
import { triggerListRows, triggerSummary } from './trigger-list-view.ts';
import { triggeredPeople } from './triggered-people.ts';

const OVERSEE = { kind: 'permission', permission: 'attendance.oversee' } as const;

/** HR's list of the people on the trigger-based policy who have reached a trigger. */
export function attendanceTriggersRoutes(services: Services) {
  const { database } = services;

  return async (app: FastifyInstance) => {
    app.get(
      paths.organisation.attendanceTriggers.pattern,
      { config: { access: OVERSEE, audit: 'attendance-triggers.viewed' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const date = today();
        const { people, settings } = await database.scoped(
          { organisationIds: [organisation.id] },
          async (db) => ({
            people: await triggeredPeople(db, organisation.id, date),
            settings: await attendanceSettingsRepository(db, organisation.id).settings(),
          }),
        );
        const window = rollingWindow(date);
        return reply.render('attendance-triggers/views/triggers.njk', {
          pageTitle: 'Attendance triggers',
          window,
          triggers: triggerSummary(settings),
          rows: triggerListRows(people, (personId) =>
            paths.organisation.person.build({ org: organisation.slug, personId }),
          ),
          toTalkWith: people.filter((p) => !p.hasOpenCase).length,
          settingsHref: paths.organisation.attendanceSettings.build({ org: organisation.slug }),
        });
      },
    );
  };
}

import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { peopleRoutes } from './people/routes.ts';
import { jsonApiRoutes } from './json-api/routes.ts';
import { userAccountsRoutes } from './user-accounts/routes.ts';
import { partnershipAdminRoutes } from './partnership-admin/routes.ts';
import { organisationStructureRoutes } from './organisation-structure/routes.ts';
import { absenceReportRoutes } from './absence-report/routes.ts';
import { managementInformationRoutes } from './management-information/routes.ts';
import { trendsRoutes } from './management-information/trends-routes.ts';
import { reasonsRoutes } from './management-information/reasons-routes.ts';
import { costRoutes } from './management-information/cost-routes.ts';
import { committeeRoutes } from './management-information/committee-routes.ts';
import { absencesRoutes } from './absences/routes.ts';
import { attendanceSettingsRoutes } from './attendance-settings/routes.ts';
import { actionPlansRoutes } from './action-plans/routes.ts';
import { adjustmentsPassportRoutes } from './adjustments-passport/routes.ts';
import { myAttendanceRoutes } from './my-attendance/routes.ts';
import { welcomeBackReviewsRoutes } from './welcome-back-reviews/routes.ts';
import { attendanceTriggersRoutes } from './attendance-triggers/routes.ts';
import { attendanceCasesRoutes } from './attendance-cases/routes.ts';

/** The capability modules, each a Fastify plugin with its own routes and views. */
export function registerModules(services: Services) {
  return async (app: FastifyInstance) => {
    await app.register(partnershipAdminRoutes(services));
    await app.register(organisationStructureRoutes(services));
    await app.register(peopleRoutes(services));
    await app.register(userAccountsRoutes(services));
    await app.register(absenceReportRoutes(services));
    await app.register(managementInformationRoutes(services));
    await app.register(trendsRoutes(services));
    await app.register(reasonsRoutes(services));
    await app.register(costRoutes(services));
    await app.register(committeeRoutes(services));
    await app.register(absencesRoutes(services));
    await app.register(attendanceSettingsRoutes(services));
    await app.register(welcomeBackReviewsRoutes(services));
    await app.register(actionPlansRoutes(services));
    await app.register(adjustmentsPassportRoutes(services));
    await app.register(myAttendanceRoutes(services));
    await app.register(attendanceTriggersRoutes(services));
    await app.register(attendanceCasesRoutes(services));
    await app.register(jsonApiRoutes(services));
  };
}

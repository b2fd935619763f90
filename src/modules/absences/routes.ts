import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { absencesImportPages } from './absences-import-pages.ts';
import { registerMyAbsencePages } from './my-absence-pages.ts';
import { registerRecordAbsencePages } from './record-absence-pages.ts';
import { registerTeamPage } from './team-page.ts';

/**
 * Absences: the employee's own absence and sickness reports, the manager's team, recording and
 * changing someone's absence, and importing absences from CSV.
 */
export function absencesRoutes(services: Services) {
  return async (app: FastifyInstance) => {
    await app.register(absencesImportPages(services));
    registerMyAbsencePages(app, services);
    registerTeamPage(app, services);
    registerRecordAbsencePages(app, services);
  };
}

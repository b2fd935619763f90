import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { peopleRoutes } from './people/routes.ts';
import { absenceReportRoutes } from './absence-report/routes.ts';
import { absencesRoutes } from './absences/routes.ts';

/** The capability modules, each a Fastify plugin with its own routes and views. */
export function registerModules(services: Services) {
  return async (app: FastifyInstance) => {
    await app.register(peopleRoutes(services));
    await app.register(absenceReportRoutes(services));
    await app.register(absencesRoutes(services));
  };
}

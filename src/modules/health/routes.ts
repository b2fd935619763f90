import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { paths } from '../../web/paths.ts';
import { askDatabase } from './readiness-queries.ts';

/** Liveness (`/health`) and readiness (`/ready`: the database answers). */
export function healthRoutes(services: Services) {
  return async (app: FastifyInstance) => {
    app.get(paths.health.pattern, { config: { access: { kind: 'public' } } }, async () => ({ status: 'ok' }));
    app.get(paths.ready.pattern, { config: { access: { kind: 'public' } } }, async (_request, reply) => {
      try {
        await askDatabase(services.database.system);
        return { status: 'ready', database: services.database.kind };
      } catch {
        return reply.status(503).send({ status: 'unavailable', database: services.database.kind });
      }
    });
  };
}

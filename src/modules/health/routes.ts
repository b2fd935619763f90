import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Services } from '../../services.ts';
import { paths } from '../../web/paths.ts';

/** Liveness (`/health`) and readiness (`/ready`: the database answers). */
export function healthRoutes(services: Services) {
  return async (app: FastifyInstance) => {
    app.get(paths.health.pattern, { config: { access: { kind: 'public' } } }, async () => ({ status: 'ok' }));
    app.get(paths.ready.pattern, { config: { access: { kind: 'public' } } }, async (_request, reply) => {
      try {
        await services.database.system.execute(sql`select 1`);
        return { status: 'ready', database: services.database.kind };
      } catch {
        return reply.status(503).send({ status: 'unavailable', database: services.database.kind });
      }
    });
  };
}

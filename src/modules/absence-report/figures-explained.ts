/**
 * "How the figures are worked out": SPEC §6's definitions in plain words, with the
 * organisation's own settings (its full-time week, target and on-costs) put in. Every report
 * page and the board pack link to it, so that a reader never needs the specification.
 */
import type { FastifyInstance } from 'fastify';
import { paths } from '../../web/paths.ts';
import { organisationRecordOf } from '../../web/request-context.ts';

export function figuresExplainedRoutes() {
  return async (app: FastifyInstance) => {
    app.get(
      paths.organisation.figuresExplained.pattern,
      {
        config: {
          // Everyone who sees figures of sickness: HR (the absence report) and managers (the
          // management information pages).
          access: { kind: 'permission', permission: 'management-information.view' },
          audit: 'management-information.viewed',
        },
      },
      async (request, reply) => {
        const organisation = organisationRecordOf(request);
        return reply.render('absence-report/views/figures-explained.njk', {
          pageTitle: 'How the figures are worked out',
          organisation,
          standardDayHours: organisation.fullTimeHours / 5,
          onCostPct: 100 * organisation.onCostRate,
        });
      },
    );
  };
}

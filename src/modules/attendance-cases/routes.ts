import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { registerArrangeMeetingPages } from './arrange-meeting-pages.ts';
import { registerCaseListPage } from './case-list-page.ts';
import { registerCasePage } from './case-page.ts';
import { registerDyingToWorkPages } from './dying-to-work-pages.ts';
import { registerIssueLetterPages } from './issue-letter-pages.ts';
import { registerLetterPages } from './letter-pages.ts';
import { registerOpenAndCloseCasePages } from './open-and-close-case-pages.ts';
import { registerStageMeetingPages } from './stage-meeting-pages.ts';

/**
 * Attendance cases: informal and formal stage meetings with notice, accompaniment, outcome and
 * rationale; letters from the organisation's templates; the Dying to Work charter; HR's case
 * list and each case's timeline. Every read of someone else's case is audited.
 */
export function attendanceCasesRoutes(services: Services) {
  return async (app: FastifyInstance) => {
    registerCaseListPage(app, services);
    registerOpenAndCloseCasePages(app, services);
    registerCasePage(app, services);
    registerArrangeMeetingPages(app, services);
    registerStageMeetingPages(app, services);
    registerIssueLetterPages(app, services);
    registerLetterPages(app, services);
    registerDyingToWorkPages(app, services);
  };
}

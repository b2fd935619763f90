/** Opening an attendance case for someone, and closing it once every meeting's outcome is recorded. */
import type { FastifyInstance } from 'fastify';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { audit, changedFields } from '../../web/audit.ts';
import type { FieldError } from '../../web/forms.ts';
import { ukDate } from '../../domain/date-words.ts';
import { paths } from '../../web/paths.ts';
import { formBody, idParam, organisationOf, userIdOf } from '../../web/request-context.ts';
import { personForCasework } from '../people/casework-access.ts';
import { closeCaseForm } from './attendance-case-forms.ts';
import { attendanceCasesRepository } from './attendance-cases-repository.ts';
import { CASEWORK, CASEWORK_RECORD, caseHref, caseParams, loadCase, stageName } from './page-support.ts';

export function registerOpenAndCloseCasePages(app: FastifyInstance, services: Services) {
  const { database } = services;

  app.get(
    paths.organisation.openAttendanceCase.pattern,
    { config: { access: CASEWORK, record: CASEWORK_RECORD, audit: 'attendance-case.form-opened' } },
    async (request, reply) => {
      const organisation = organisationOf(request);
      const personId = idParam(request, 'personId');
      const page = await database.scoped({ organisationIds: [organisation.id] }, async (db) => ({
        who: await personForCasework(db, request),
        open: await attendanceCasesRepository(db, organisation.id).openCaseOf(personId),
      }));
      if (page.open) return reply.redirect(caseHref(organisation.slug, personId, page.open.id));
      return reply.render('attendance-cases/views/open-case.njk', {
        pageTitle: `Open an attendance case for ${page.who.name}`,
        name: page.who.name,
        backLink: paths.organisation.person.build({ org: organisation.slug, personId }),
      });
    },
  );

  app.post(
    paths.organisation.openAttendanceCase.pattern,
    { config: { access: CASEWORK, record: CASEWORK_RECORD } },
    async (request, reply) => {
      const organisation = organisationOf(request);
      const personId = idParam(request, 'personId');
      const caseId = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
        await personForCasework(db, request);
        const repository = attendanceCasesRepository(db, organisation.id);
        const open = await repository.openCaseOf(personId);
        if (open) return open.id;
        const id = await repository.open(personId, today(), userIdOf(request));
        await audit(db, request, {
          action: 'attendance-case.opened',
          subjectType: 'attendance_case',
          subjectId: id,
          detail: { personId },
        });
        return id;
      });
      request.session.set('flash', { title: 'Attendance case opened' });
      return reply.redirect(caseHref(organisation.slug, personId, caseId));
    },
  );

  const closePage = (
    name: string,
    values: Record<string, unknown>,
    backLink: string,
    errors?: FieldError[],
  ) => ({
    pageTitle: `Close ${name}’s attendance case`,
    name,
    values,
    errors,
    backLink,
  });

  app.get(
    paths.organisation.closeAttendanceCase.pattern,
    { config: { access: CASEWORK, record: CASEWORK_RECORD, audit: 'attendance-case.viewed' } },
    async (request, reply) => {
      const { organisation, personId, caseId } = caseParams(request);
      const who = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
        const found = await personForCasework(db, request);
        const attendanceCase = await loadCase(db, organisation.id, personId, caseId);
        if (attendanceCase.closedOn) throw notFound();
        return found;
      });
      return reply.render(
        'attendance-cases/views/close-case.njk',
        closePage(who.name, {}, caseHref(organisation.slug, personId, caseId)),
      );
    },
  );

  app.post(
    paths.organisation.closeAttendanceCase.pattern,
    { config: { access: CASEWORK, record: CASEWORK_RECORD } },
    async (request, reply) => {
      const { organisation, personId, caseId } = caseParams(request);
      const body = formBody(request);
      const outcome = await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
        const who = await personForCasework(db, request);
        const attendanceCase = await loadCase(db, organisation.id, personId, caseId);
        if (attendanceCase.closedOn) throw notFound();
        const form = closeCaseForm(body, today(), attendanceCase.openedOn);
        const waiting = (await attendanceCasesRepository(db, organisation.id).meetings(caseId)).find(
          (m) => !m.heldOn,
        );
        if (form.value && waiting) {
          form.errors.push({
            text: `Record the outcome of the ${stageName(waiting.stage).toLowerCase()} arranged for ${ukDate(waiting.meetingDate)} before closing the case`,
            href: '#closedOn-day',
          });
        }
        if (!form.value || form.errors.length > 0) return { who, errors: form.errors };
        await attendanceCasesRepository(db, organisation.id).close(
          caseId,
          form.value.closedOn,
          form.value.reason,
        );
        await audit(db, request, {
          action: 'attendance-case.closed',
          subjectType: 'attendance_case',
          subjectId: caseId,
          detail: { personId, closedOn: form.value.closedOn, changed: changedFields(null, form.value) },
        });
        return { who, errors: [] };
      });
      if (outcome.errors.length === 0) {
        request.session.set('flash', { title: 'Attendance case closed' });
        return reply.redirect(caseHref(organisation.slug, personId, caseId));
      }
      return reply
        .status(400)
        .render(
          'attendance-cases/views/close-case.njk',
          closePage(outcome.who.name, body, caseHref(organisation.slug, personId, caseId), outcome.errors),
        );
    },
  );
}

import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/database.ts';
import { LETTER_KINDS, PLACEHOLDERS } from '../../domain/letters.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { audit, changedFields } from '../../web/audit.ts';
import { errorSummary } from '../../web/forms.ts';
import { paths } from '../../web/paths.ts';
import { formBody, idParam, organisationOf } from '../../web/request-context.ts';
import { attendanceSettingsRepository, SUPPORT_KINDS } from './attendance-settings-repository.ts';
import {
  isLetterKind,
  letterTemplateForm,
  settingsForm,
  supportServiceForm,
} from './attendance-settings-forms.ts';

const CONFIGURE = { access: { kind: 'permission', permission: 'attendance.configure' } } as const;

const supportKindItems = Object.entries(SUPPORT_KINDS).map(([value, text]) => ({ value, text }));

/** HR's settings for the attendance policy, the support directory and the letter templates. */
export function attendanceSettingsRoutes(services: Services) {
  const { database } = services;
  const scoped = <T>(
    organisationId: number,
    work: (repository: ReturnType<typeof attendanceSettingsRepository>, db: Db) => Promise<T>,
  ) =>
    database.scoped({ organisationIds: [organisationId] }, (db) =>
      work(attendanceSettingsRepository(db, organisationId), db),
    );

  return async (app: FastifyInstance) => {
    app.get(paths.organisation.attendanceSettings.pattern, { config: CONFIGURE }, async (request, reply) => {
      const organisation = organisationOf(request);
      const settings = await scoped(organisation.id, (r) => r.settings());
      return reply.render('attendance-settings/views/settings.njk', {
        pageTitle: 'Attendance policy settings',
        values: settings,
        policyModel: organisation.policyModel,
        links: settingsLinks(organisation.slug),
      });
    });

    app.post(
      paths.organisation.attendanceSettings.pattern,
      { config: { ...CONFIGURE, audit: 'attendance-settings.changed' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const body = formBody(request);
        const parsed = settingsForm.safeParse(body);
        if (!parsed.success) {
          return reply.status(400).render('attendance-settings/views/settings.njk', {
            pageTitle: 'Attendance policy settings',
            values: body,
            errors: errorSummary(parsed.error.issues),
            policyModel: organisation.policyModel,
            links: settingsLinks(organisation.slug),
          });
        }
        await scoped(organisation.id, async (r, db) => {
          const before = await r.settings();
          await r.saveSettings(parsed.data);
          await audit(db, request, {
            action: 'attendance-settings.changed',
            subjectType: 'attendance_settings',
            subjectId: organisation.id,
            detail: { changed: changedFields(before, parsed.data) },
          });
        });
        request.session.set('flash', { title: 'Attendance policy settings saved' });
        return reply.redirect(paths.organisation.attendanceSettings.build({ org: organisation.slug }));
      },
    );

    // ------------------------------------------------------------ the support directory

    app.get(paths.organisation.supportDirectory.pattern, { config: CONFIGURE }, async (request, reply) => {
      const organisation = organisationOf(request);
      const rows = await scoped(organisation.id, (r) => r.supportServices());
      return reply.render('attendance-settings/views/support-directory.njk', {
        pageTitle: 'Support directory',
        services: rows.map((s) => ({
          ...s,
          kindName: SUPPORT_KINDS[s.kind as keyof typeof SUPPORT_KINDS] ?? s.kind,
          editHref: paths.organisation.editSupportService.build({ org: organisation.slug, serviceId: s.id }),
        })),
        newHref: paths.organisation.newSupportService.build({ org: organisation.slug }),
        backLink: paths.organisation.attendanceSettings.build({ org: organisation.slug }),
      });
    });

    const serviceFormPage = (title: string, values: Record<string, unknown>, backLink: string) => ({
      pageTitle: title,
      values,
      kinds: supportKindItems,
      backLink,
    });

    app.get(paths.organisation.newSupportService.pattern, { config: CONFIGURE }, async (request, reply) => {
      const organisation = organisationOf(request);
      return reply.render(
        'attendance-settings/views/support-service-form.njk',
        serviceFormPage(
          'Add support to the directory',
          { active: 'yes' },
          paths.organisation.supportDirectory.build({ org: organisation.slug }),
        ),
      );
    });

    app.post(
      paths.organisation.newSupportService.pattern,
      { config: { ...CONFIGURE, audit: 'support-service.added' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const body = formBody(request);
        const parsed = supportServiceForm.safeParse(body);
        const back = paths.organisation.supportDirectory.build({ org: organisation.slug });
        if (!parsed.success) {
          return reply.status(400).render('attendance-settings/views/support-service-form.njk', {
            ...serviceFormPage('Add support to the directory', body, back),
            errors: errorSummary(parsed.error.issues),
          });
        }
        await scoped(organisation.id, (r) => r.addSupportService(parsed.data));
        request.session.set('flash', { title: `${parsed.data.name} added to the support directory` });
        return reply.redirect(back);
      },
    );

    app.get(paths.organisation.editSupportService.pattern, { config: CONFIGURE }, async (request, reply) => {
      const organisation = organisationOf(request);
      const found = await scoped(organisation.id, (r) => r.supportService(idParam(request, 'serviceId')));
      if (!found) throw notFound();
      return reply.render(
        'attendance-settings/views/support-service-form.njk',
        serviceFormPage(
          `Change ${found.name}`,
          { ...found, active: found.active ? 'yes' : 'no' },
          paths.organisation.supportDirectory.build({ org: organisation.slug }),
        ),
      );
    });

    app.post(
      paths.organisation.editSupportService.pattern,
      { config: { ...CONFIGURE, audit: 'support-service.changed' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const id = idParam(request, 'serviceId');
        const body = formBody(request);
        const back = paths.organisation.supportDirectory.build({ org: organisation.slug });
        const found = await scoped(organisation.id, (r) => r.supportService(id));
        if (!found) throw notFound();
        const parsed = supportServiceForm.safeParse(body);
        if (!parsed.success) {
          return reply.status(400).render('attendance-settings/views/support-service-form.njk', {
            ...serviceFormPage(`Change ${found.name}`, body, back),
            errors: errorSummary(parsed.error.issues),
          });
        }
        await scoped(organisation.id, (r) => r.updateSupportService(id, parsed.data));
        request.session.set('flash', { title: `${parsed.data.name} saved` });
        return reply.redirect(back);
      },
    );

    // ------------------------------------------------------------ letter templates

    app.get(paths.organisation.letterTemplates.pattern, { config: CONFIGURE }, async (request, reply) => {
      const organisation = organisationOf(request);
      const templates = await scoped(organisation.id, async (r) =>
        Promise.all(
          (Object.keys(LETTER_KINDS) as (keyof typeof LETTER_KINDS)[]).map(async (kind) => ({
            kind,
            name: LETTER_KINDS[kind],
            ...(await r.letterTemplate(kind)),
            href: paths.organisation.letterTemplate.build({ org: organisation.slug, kind }),
          })),
        ),
      );
      return reply.render('attendance-settings/views/letter-templates.njk', {
        pageTitle: 'Letter templates',
        templates,
        backLink: paths.organisation.attendanceSettings.build({ org: organisation.slug }),
      });
    });

    const templatePage = (
      kind: keyof typeof LETTER_KINDS,
      slug: string,
      values: Record<string, unknown>,
    ) => ({
      pageTitle: `${LETTER_KINDS[kind]}: letter template`,
      kindName: LETTER_KINDS[kind],
      values,
      placeholders: Object.entries(PLACEHOLDERS).map(([name, description]) => ({
        name: `{{${name}}}`,
        description,
      })),
      backLink: paths.organisation.letterTemplates.build({ org: slug }),
    });

    app.get(paths.organisation.letterTemplate.pattern, { config: CONFIGURE }, async (request, reply) => {
      const organisation = organisationOf(request);
      const kind = (request.params as { kind: string }).kind;
      if (!isLetterKind(kind)) throw notFound();
      const template = await scoped(organisation.id, (r) => r.letterTemplate(kind));
      return reply.render(
        'attendance-settings/views/letter-template.njk',
        templatePage(kind, organisation.slug, { ...template }),
      );
    });

    app.post(
      paths.organisation.letterTemplate.pattern,
      { config: { ...CONFIGURE, audit: 'letter-template.changed' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const kind = (request.params as { kind: string }).kind;
        if (!isLetterKind(kind)) throw notFound();
        const body = formBody(request);
        if (body.reset === 'yes') {
          await scoped(organisation.id, (r) => r.resetLetterTemplate(kind));
          request.session.set('flash', {
            title: `${LETTER_KINDS[kind]}: the standard wording is back in use`,
          });
          return reply.redirect(paths.organisation.letterTemplates.build({ org: organisation.slug }));
        }
        const parsed = letterTemplateForm.safeParse(body);
        if (!parsed.success) {
          return reply.status(400).render('attendance-settings/views/letter-template.njk', {
            ...templatePage(kind, organisation.slug, body),
            errors: errorSummary(parsed.error.issues),
          });
        }
        await scoped(organisation.id, (r) => r.saveLetterTemplate(kind, parsed.data));
        request.session.set('flash', { title: `${LETTER_KINDS[kind]}: template saved` });
        return reply.redirect(paths.organisation.letterTemplates.build({ org: organisation.slug }));
      },
    );
  };
}

function settingsLinks(slug: string) {
  return [
    { href: paths.organisation.supportDirectory.build({ org: slug }), text: 'Support directory' },
    { href: paths.organisation.letterTemplates.build({ org: slug }), text: 'Letter templates' },
  ];
}

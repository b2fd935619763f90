import { ukDateShort } from '../../domain/date-words.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { dateFromParts, dateParts, errorSummary, type FieldError } from '../../web/forms.ts';
import { paths } from '../../web/paths.ts';
import {
  createOrganisation,
  organisationSettings,
  POLICY_MODELS,
  REGION_NAMES,
  SECTORS,
} from '../partnership/organisation-settings.ts';
import type { AgreementRecord, OrganisationRecord } from '../partnership/organisations-repository.ts';
import { parseRecordId } from '../../web/record-ids.ts';

const access = { kind: 'permission', permission: 'partnership.manage' } as const;

const options = {
  sectors: Object.entries(SECTORS).map(([value, text]) => ({ value, text })),
  regions: Object.entries(REGION_NAMES).map(([value, text]) => ({ value, text })),
  policyModels: Object.entries(POLICY_MODELS).map(([value, text]) => ({ value, text })),
};

/** The form's values: the on-cost rate is entered as a percentage. */
function settingsFromForm(body: Record<string, unknown>, slug?: string) {
  const text = (key: string) => (typeof body[key] === 'string' ? body[key].trim() : '');
  const percent = text('onCostPercent');
  return organisationSettings.safeParse({
    slug: slug ?? text('slug'),
    name: text('name'),
    sector: text('sector') || undefined,
    region: text('region') || undefined,
    fullTimeHours: text('fullTimeHours') || undefined,
    targetDaysPerFte: text('targetDaysPerFte') || undefined,
    onCostRate: percent === '' ? 0 : /^\d+(\.\d+)?$/.test(percent) ? Number(percent) / 100 : 'not a number',
    policyModel: text('policyModel') || undefined,
  });
}

function formFromOrganisation(o: OrganisationRecord) {
  return {
    slug: o.slug,
    name: o.name,
    sector: o.sector,
    region: o.region,
    fullTimeHours: String(o.fullTimeHours),
    targetDaysPerFte: String(o.targetDaysPerFte),
    onCostPercent: String(Math.round(o.onCostRate * 10_000) / 100),
    policyModel: o.policyModel,
  };
}

const FIELD_IDS: Record<string, string> = { onCostRate: 'onCostPercent' };

/** An agreement's state on a date, for the organisations table. */
export function agreementState(
  agreements: readonly AgreementRecord[],
  on: string,
): { text: string; colour: string } {
  const inForce = agreements.find((a) => a.startDate <= on && (a.endDate === null || a.endDate >= on));
  if (!inForce) {
    return agreements.some((a) => a.startDate > on)
      ? { text: 'Starts later', colour: 'govuk-tag--blue' }
      : { text: agreements.length ? 'Ended' : 'No agreement', colour: 'govuk-tag--red' };
  }
  const horizon = new Date(Date.parse(`${on}T00:00:00Z`) + 90 * 86_400_000).toISOString().slice(0, 10);
  if (inForce.endDate && inForce.endDate <= horizon)
    return { text: `Ends ${ukDateShort(inForce.endDate)}`, colour: 'govuk-tag--yellow' };
  return { text: 'In force', colour: 'govuk-tag--green' };
}

function agreementForm(body: Record<string, unknown>, organisationId: number) {
  const text = (key: string) => (typeof body[key] === 'string' ? body[key].trim() : '');
  const errors: FieldError[] = [];
  const start = dateFromParts(body, 'startDate', 'The start date');
  const end = dateFromParts(body, 'endDate', 'The end date');
  if (start.error) errors.push({ text: start.error, href: '#startDate-day' });
  else if (!start.value) errors.push({ text: 'Enter the start date', href: '#startDate-day' });
  if (end.error) errors.push({ text: end.error, href: '#endDate-day' });
  else if (end.value && start.value && end.value < start.value) {
    errors.push({ text: 'The end date must be on or after the start date', href: '#endDate-day' });
  }
  const contribution = text('annualContributionGbp').replace(/[£,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(contribution)) {
    errors.push({
      text: 'Enter the annual contribution in pounds, like 12,500 or 12500.00',
      href: '#annualContributionGbp',
    });
  }
  const headcount = text('headcount').replace(/,/g, '');
  if (!/^\d+$/.test(headcount))
    errors.push({ text: 'Enter the headcount as a whole number', href: '#headcount' });
  const contact = z
    .object({
      marketingContactName: z.string().min(1, 'Enter the marketing contact’s name').max(200),
      marketingContactEmail: z
        .string()
        .regex(
          /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
          'Enter the marketing contact’s email address, like name@example.org',
        ),
      marketingContactPhone: z.string().max(40, 'The phone number must be 40 characters or fewer'),
    })
    .safeParse({
      marketingContactName: text('marketingContactName'),
      marketingContactEmail: text('marketingContactEmail'),
      marketingContactPhone: text('marketingContactPhone'),
    });
  if (!contact.success) errors.push(...errorSummary(contact.error.issues));
  if (errors.length > 0 || !start.value || !contact.success) return { value: null, errors };
  return {
    value: {
      organisationId,
      startDate: start.value,
      endDate: end.value,
      annualContributionGbp: Number(contribution),
      headcount: Number(headcount),
      marketingContactName: contact.data.marketingContactName,
      marketingContactEmail: contact.data.marketingContactEmail,
      marketingContactPhone: contact.data.marketingContactPhone || null,
    },
    errors,
  };
}

function agreementValues(a: AgreementRecord) {
  const start = dateParts(a.startDate);
  const end = dateParts(a.endDate);
  return {
    'startDate-day': start.day,
    'startDate-month': start.month,
    'startDate-year': start.year,
    'endDate-day': end.day,
    'endDate-month': end.month,
    'endDate-year': end.year,
    annualContributionGbp: a.annualContributionGbp.toFixed(2),
    headcount: String(a.headcount),
    marketingContactName: a.marketingContactName,
    marketingContactEmail: a.marketingContactEmail,
    marketingContactPhone: a.marketingContactPhone ?? '',
  };
}

/** The partnership admin's pages: organisations, their settings and membership agreements. */
export function partnershipAdminRoutes(services: Services) {
  const repository = services.organisations;

  async function organisationOf(request: FastifyRequest) {
    const slug = (request.params as { org?: string }).org ?? '';
    const organisation = await repository.findBySlug(slug);
    if (!organisation) throw notFound();
    return organisation;
  }

  return async (app: FastifyInstance) => {
    app.get(paths.partnership.organisations.pattern, { config: { access } }, async (_request, reply) => {
      const [organisations, agreements] = await Promise.all([repository.list(), repository.allAgreements()]);
      const date = today();
      return reply.render('partnership-admin/views/organisations.njk', {
        pageTitle: 'Organisations',
        newHref: paths.partnership.newOrganisation.build(),
        organisations: organisations.map((o) => {
          const own = agreements.filter((a) => a.organisationId === o.id);
          const current = own.find((a) => a.startDate <= date && (a.endDate === null || a.endDate >= date));
          return {
            ...o,
            href: paths.partnership.organisation.build({ org: o.slug }),
            sectorName: SECTORS[o.sector as keyof typeof SECTORS] ?? o.sector,
            regionName: REGION_NAMES[o.region as keyof typeof REGION_NAMES] ?? o.region,
            policyName: o.policyModel === 'trigger_based' ? 'Trigger-based' : 'Person-centred',
            agreement: agreementState(own, date),
            headcount: current?.headcount ?? null,
          };
        }),
      });
    });

    app.get(paths.partnership.newOrganisation.pattern, { config: { access } }, async (_request, reply) =>
      reply.render('partnership-admin/views/organisation-form.njk', {
        pageTitle: 'Add an organisation',
        options,
        values: {
          region: 'england-and-wales',
          policyModel: 'person_centred',
          fullTimeHours: '37',
          targetDaysPerFte: '10',
        },
        creating: true,
        backLink: paths.partnership.organisations.build(),
      }),
    );

    app.post(
      paths.partnership.newOrganisation.pattern,
      { config: { access, audit: 'organisation.created' } },
      async (request, reply) => {
        const body = (request.body ?? {}) as Record<string, unknown>;
        const parsed = settingsFromForm(body);
        const errors = parsed.success ? [] : errorSummary(parsed.error.issues, FIELD_IDS);
        if (parsed.success && (await repository.findBySlug(parsed.data.slug))) {
          errors.push({
            text: `The short name “${parsed.data.slug}” is already used by another organisation`,
            href: '#slug',
          });
        }
        if (parsed.success && errors.length === 0) {
          const created = await createOrganisation(services, parsed.data);
          request.session.set('flash', { title: `${created.name} added` });
          return reply.redirect(paths.partnership.organisation.build({ org: created.slug }));
        }
        return reply.status(400).render('partnership-admin/views/organisation-form.njk', {
          pageTitle: 'Add an organisation',
          options,
          values: body,
          errors,
          creating: true,
          backLink: paths.partnership.organisations.build(),
        });
      },
    );

    app.get(paths.partnership.organisation.pattern, { config: { access } }, async (request, reply) => {
      const organisation = await organisationOf(request);
      const agreements = await repository.agreements(organisation.id);
      return reply.render('partnership-admin/views/organisation.njk', {
        pageTitle: organisation.name,
        organisation,
        sectorName: SECTORS[organisation.sector as keyof typeof SECTORS] ?? organisation.sector,
        regionName: REGION_NAMES[organisation.region as keyof typeof REGION_NAMES] ?? organisation.region,
        policyName:
          POLICY_MODELS[organisation.policyModel as keyof typeof POLICY_MODELS] ?? organisation.policyModel,
        state: agreementState(agreements, today()),
        agreements: agreements.map((a) => ({
          ...a,
          editHref: paths.partnership.editAgreement.build({ org: organisation.slug, agreementId: a.id }),
        })),
        editHref: paths.partnership.editOrganisation.build({ org: organisation.slug }),
        newAgreementHref: paths.partnership.newAgreement.build({ org: organisation.slug }),
        backLink: paths.partnership.organisations.build(),
      });
    });

    app.get(paths.partnership.editOrganisation.pattern, { config: { access } }, async (request, reply) => {
      const organisation = await organisationOf(request);
      return reply.render('partnership-admin/views/organisation-form.njk', {
        pageTitle: `Change ${organisation.name}`,
        options,
        values: formFromOrganisation(organisation),
        backLink: paths.partnership.organisation.build({ org: organisation.slug }),
      });
    });

    app.post(
      paths.partnership.editOrganisation.pattern,
      { config: { access, audit: 'organisation.updated' } },
      async (request, reply) => {
        const organisation = await organisationOf(request);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const parsed = settingsFromForm(body, organisation.slug);
        if (parsed.success) {
          const { slug: _slug, ...changes } = parsed.data;
          await repository.update(organisation.id, changes);
          request.session.set('flash', { title: 'Organisation settings saved' });
          return reply.redirect(paths.partnership.organisation.build({ org: organisation.slug }));
        }
        return reply.status(400).render('partnership-admin/views/organisation-form.njk', {
          pageTitle: `Change ${organisation.name}`,
          options,
          values: { ...body, slug: organisation.slug },
          errors: errorSummary(parsed.error.issues, FIELD_IDS),
          backLink: paths.partnership.organisation.build({ org: organisation.slug }),
        });
      },
    );

    app.get(paths.partnership.newAgreement.pattern, { config: { access } }, async (request, reply) => {
      const organisation = await organisationOf(request);
      return reply.render('partnership-admin/views/agreement-form.njk', {
        pageTitle: `Add a membership agreement for ${organisation.name}`,
        organisation,
        values: {},
        backLink: paths.partnership.organisation.build({ org: organisation.slug }),
      });
    });

    app.post(
      paths.partnership.newAgreement.pattern,
      { config: { access, audit: 'agreement.created' } },
      async (request, reply) => {
        const organisation = await organisationOf(request);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const form = agreementForm(body, organisation.id);
        if (form.value) {
          await repository.addAgreement(form.value);
          request.session.set('flash', { title: 'Membership agreement added' });
          return reply.redirect(paths.partnership.organisation.build({ org: organisation.slug }));
        }
        return reply.status(400).render('partnership-admin/views/agreement-form.njk', {
          pageTitle: `Add a membership agreement for ${organisation.name}`,
          organisation,
          values: body,
          errors: form.errors,
          backLink: paths.partnership.organisation.build({ org: organisation.slug }),
        });
      },
    );

    async function agreementOf(request: FastifyRequest, organisationId: number) {
      const id = parseRecordId((request.params as { agreementId?: string }).agreementId);
      const agreement = (await repository.agreements(organisationId)).find((a) => a.id === id);
      if (!agreement) throw notFound();
      return agreement;
    }

    app.get(paths.partnership.editAgreement.pattern, { config: { access } }, async (request, reply) => {
      const organisation = await organisationOf(request);
      const agreement = await agreementOf(request, organisation.id);
      return reply.render('partnership-admin/views/agreement-form.njk', {
        pageTitle: `Change a membership agreement for ${organisation.name}`,
        organisation,
        editing: true,
        values: agreementValues(agreement),
        backLink: paths.partnership.organisation.build({ org: organisation.slug }),
      });
    });

    app.post(
      paths.partnership.editAgreement.pattern,
      { config: { access, audit: 'agreement.updated' } },
      async (request, reply) => {
        const organisation = await organisationOf(request);
        const agreement = await agreementOf(request, organisation.id);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const form = agreementForm(body, organisation.id);
        if (form.value) {
          await repository.updateAgreement(organisation.id, agreement.id, form.value);
          request.session.set('flash', { title: 'Membership agreement saved' });
          return reply.redirect(paths.partnership.organisation.build({ org: organisation.slug }));
        }
        return reply.status(400).render('partnership-admin/views/agreement-form.njk', {
          pageTitle: `Change a membership agreement for ${organisation.name}`,
          organisation,
          editing: true,
          values: body,
          errors: form.errors,
          backLink: paths.partnership.organisation.build({ org: organisation.slug }),
        });
      },
    );
  };
}

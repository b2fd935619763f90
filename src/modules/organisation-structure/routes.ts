import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { errorSummary, type FieldError } from '../../web/forms.ts';
import { paginationLinks } from '../../web/pagination.ts';
import { paths } from '../../web/paths.ts';
import type { OrganisationContext } from '../../web/types.ts';
import { peopleRepository } from '../people/people-repository.ts';
import { structureRepository, type UnitRecord } from '../people/structure-repository.ts';
import { parseRecordId } from '../../web/record-ids.ts';
import { idParam } from '../../web/request-context.ts';

const unitsAccess = { kind: 'permission', permission: 'units.manage' } as const;
const sitesAccess = { kind: 'permission', permission: 'sites.manage' } as const;

const POLICY_CHOICES = [
  { value: '', text: 'The organisation’s policy' },
  { value: 'person_centred', text: 'Person-centred' },
  { value: 'trigger_based', text: 'Trigger-based' },
];

/** A UK postcode, normalised to upper case with one space, or null when it is not one. */
export function normalisePostcode(value: string): string | null {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

const siteSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter the site’s name')
    .max(200, 'The name must be 200 characters or fewer'),
  address: z.string().trim().max(500, 'The address must be 500 characters or fewer'),
  postcode: z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === '') return '';
      const p = normalisePostcode(v);
      if (!p) ctx.addIssue({ code: 'custom', message: 'Enter a real postcode, like MW1 1AA' });
      return p ?? '';
    }),
});

function org(request: FastifyRequest): OrganisationContext {
  if (!request.organisation) throw notFound();
  return request.organisation;
}

function idOf(request: FastifyRequest, name: 'unitId' | 'siteId'): number {
  return idParam(request, name);
}

/** The organisation admin's pages for the unit tree and the sites. */
export function organisationStructureRoutes(services: Services) {
  const scoped = <T>(
    organisationId: number,
    work: (
      repo: ReturnType<typeof structureRepository>,
      db: Parameters<Parameters<typeof services.database.scoped>[1]>[0],
    ) => Promise<T>,
  ) =>
    services.database.scoped({ organisationIds: [organisationId] }, (db) =>
      work(structureRepository(db, organisationId), db),
    );

  /** Reads the unit form and checks it: a name unique among its siblings, no move under itself. */
  async function unitForm(
    organisation: OrganisationContext,
    body: Record<string, unknown>,
    editing: UnitRecord | null,
  ) {
    const text = (k: string) => (typeof body[k] === 'string' ? body[k].trim() : '');
    const errors: FieldError[] = [];
    const name = text('name');
    if (!name) errors.push({ text: 'Enter the unit’s name', href: '#name' });
    else if (name.includes(' > ')) errors.push({ text: 'A unit’s name cannot contain “ > ”', href: '#name' });
    else if (name.length > 200)
      errors.push({ text: 'The name must be 200 characters or fewer', href: '#name' });
    const policy = text('policyModel');
    if (policy && !['person_centred', 'trigger_based'].includes(policy))
      errors.push({ text: 'Choose a policy', href: '#policyModel' });
    const parentId = text('parentId');
    return scoped(organisation.id, async (repo) => {
      const parentRecordId = parseRecordId(parentId);
      const parent = parentRecordId !== null ? await repo.unit(parentRecordId) : null;
      if (parentId && !parent) errors.push({ text: 'Choose the unit this one sits in', href: '#parentId' });
      if (editing && parent && (parent.id === editing.id || parent.path.startsWith(`${editing.path} > `))) {
        errors.push({
          text: 'A unit cannot be moved into itself or one of its own sub-units',
          href: '#parentId',
        });
      }
      if (name && errors.length === 0) {
        const path = parent ? `${parent.path} > ${name}` : name;
        if (await repo.pathTaken(path, editing?.id ?? null)) {
          errors.push({ text: `There is already a unit called “${name}” there`, href: '#name' });
        }
      }
      return { errors, value: errors.length === 0 ? { name, parent, policyModel: policy || null } : null };
    });
  }

  return async (app: FastifyInstance) => {
    const treePage = async (organisation: OrganisationContext) => {
      const tree = await scoped(organisation.id, (repo) => repo.unitTree(today()));
      return tree.map((u) => ({
        ...u,
        href: paths.organisation.unit.build({ org: organisation.slug, unitId: u.id }),
        policy:
          u.policy_model === 'trigger_based'
            ? 'Trigger-based'
            : u.policy_model === 'person_centred'
              ? 'Person-centred'
              : null,
      }));
    };

    app.get(paths.organisation.units.pattern, { config: { access: unitsAccess } }, async (request, reply) => {
      const organisation = org(request);
      return reply.render('organisation-structure/views/units.njk', {
        pageTitle: 'Units',
        units: await treePage(organisation),
        newHref: paths.organisation.newUnit.build({ org: organisation.slug }),
      });
    });

    const unitFormPage = async (organisation: OrganisationContext, extra: Record<string, unknown>) => ({
      pageTitle: 'Add a unit',
      units: await treePage(organisation),
      policies: POLICY_CHOICES,
      backLink: paths.organisation.units.build({ org: organisation.slug }),
      ...extra,
    });

    app.get(
      paths.organisation.newUnit.pattern,
      { config: { access: unitsAccess } },
      async (request, reply) => {
        const organisation = org(request);
        const parentId = (request.query as { parent?: string }).parent ?? '';
        return reply.render(
          'organisation-structure/views/unit-form.njk',
          await unitFormPage(organisation, { values: { parentId } }),
        );
      },
    );

    app.post(
      paths.organisation.newUnit.pattern,
      { config: { access: unitsAccess, audit: 'unit.created' } },
      async (request, reply) => {
        const organisation = org(request);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const form = await unitForm(organisation, body, null);
        if (form.value) {
          const value = form.value;
          const created = await scoped(organisation.id, (repo) => repo.createUnit(value));
          request.session.set('flash', { title: `${value.name} added` });
          return reply.redirect(
            created
              ? paths.organisation.unit.build({ org: organisation.slug, unitId: created.id })
              : paths.organisation.units.build({ org: organisation.slug }),
          );
        }
        return reply
          .status(400)
          .render(
            'organisation-structure/views/unit-form.njk',
            await unitFormPage(organisation, { values: body, errors: form.errors }),
          );
      },
    );

    app.get(paths.organisation.unit.pattern, { config: { access: unitsAccess } }, async (request, reply) => {
      const organisation = org(request);
      const unitId = idOf(request, 'unitId');
      const page = Math.max(1, Math.min(10_000, Number((request.query as { page?: string }).page) || 1));
      const data = await scoped(organisation.id, async (repo, db) => {
        const unit = await repo.unit(unitId);
        if (!unit) return null;
        const tree = await repo.unitTree(today());
        const people = await peopleRepository(db, organisation.id).search({
          onDate: today(),
          unitId,
          page,
          pageSize: 25,
        });
        return { unit, tree, people };
      });
      if (!data) throw notFound();
      const byPath = new Map(data.tree.map((u) => [u.path, u]));
      const levels = data.unit.path.split(' > ');
      const pages = Math.max(1, Math.ceil(data.people.total / 25));
      const pageHref = (n: number) =>
        `${paths.organisation.unit.build({ org: organisation.slug, unitId })}?page=${n}`;
      return reply.render('organisation-structure/views/unit.njk', {
        pageTitle: data.unit.name,
        unit: data.unit,
        breadcrumbs: levels.slice(0, -1).map((_, i) => {
          const u = byPath.get(levels.slice(0, i + 1).join(' > '));
          return {
            text: levels[i],
            href: u ? paths.organisation.unit.build({ org: organisation.slug, unitId: u.id }) : undefined,
          };
        }),
        children: data.tree
          .filter((u) => u.parent_id === data.unit.id)
          .map((u) => ({
            ...u,
            href: paths.organisation.unit.build({ org: organisation.slug, unitId: u.id }),
          })),
        people: data.people.rows.map((p) => ({
          ...p,
          href: paths.organisation.person.build({ org: organisation.slug, personId: p.id }),
        })),
        total: data.people.total,
        pagination: paginationLinks(page, pages, pageHref),
        editHref: paths.organisation.editUnit.build({ org: organisation.slug, unitId }),
        addChildHref: `${paths.organisation.newUnit.build({ org: organisation.slug })}?parent=${unitId}`,
        backLink: paths.organisation.units.build({ org: organisation.slug }),
      });
    });

    app.get(
      paths.organisation.editUnit.pattern,
      { config: { access: unitsAccess } },
      async (request, reply) => {
        const organisation = org(request);
        const unit = await scoped(organisation.id, (repo) => repo.unit(idOf(request, 'unitId')));
        if (!unit) throw notFound();
        return reply.render(
          'organisation-structure/views/unit-form.njk',
          await unitFormPage(organisation, {
            pageTitle: `Change ${unit.name}`,
            editing: unit,
            values: {
              name: unit.name,
              parentId: unit.parentId === null ? '' : String(unit.parentId),
              policyModel: unit.policyModel ?? '',
            },
            backLink: paths.organisation.unit.build({ org: organisation.slug, unitId: unit.id }),
          }),
        );
      },
    );

    app.post(
      paths.organisation.editUnit.pattern,
      { config: { access: unitsAccess, audit: 'unit.updated' } },
      async (request, reply) => {
        const organisation = org(request);
        const unit = await scoped(organisation.id, (repo) => repo.unit(idOf(request, 'unitId')));
        if (!unit) throw notFound();
        const body = (request.body ?? {}) as Record<string, unknown>;
        const form = await unitForm(organisation, body, unit);
        if (form.value) {
          const value = form.value;
          await scoped(organisation.id, (repo) => repo.updateUnit(unit, value));
          request.session.set('flash', { title: `${value.name} saved` });
          return reply.redirect(paths.organisation.unit.build({ org: organisation.slug, unitId: unit.id }));
        }
        return reply.status(400).render(
          'organisation-structure/views/unit-form.njk',
          await unitFormPage(organisation, {
            pageTitle: `Change ${unit.name}`,
            editing: unit,
            values: body,
            errors: form.errors,
            backLink: paths.organisation.unit.build({ org: organisation.slug, unitId: unit.id }),
          }),
        );
      },
    );

    // ------------------------------------------------------------ sites

    app.get(paths.organisation.sites.pattern, { config: { access: sitesAccess } }, async (request, reply) => {
      const organisation = org(request);
      const sites = await scoped(organisation.id, (repo) => repo.sites());
      return reply.render('organisation-structure/views/sites.njk', {
        pageTitle: 'Sites',
        sites: sites.map((s) => ({
          ...s,
          editHref: paths.organisation.editSite.build({ org: organisation.slug, siteId: s.id }),
        })),
        newHref: paths.organisation.newSite.build({ org: organisation.slug }),
      });
    });

    const saveSite = async (request: FastifyRequest, siteId: number | null) => {
      const organisation = org(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const parsed = siteSchema.safeParse({
        name: typeof body.name === 'string' ? body.name : '',
        address: typeof body.address === 'string' ? body.address : '',
        postcode: typeof body.postcode === 'string' ? body.postcode : '',
      });
      const errors = parsed.success ? [] : errorSummary(parsed.error.issues);
      if (parsed.success) {
        const site = parsed.data;
        const clash = await scoped(organisation.id, async (repo) =>
          (await repo.sites()).some((s) => s.name === site.name && s.id !== siteId),
        );
        if (clash) errors.push({ text: `There is already a site called “${site.name}”`, href: '#name' });
        else {
          await scoped(organisation.id, (repo) => repo.saveSite({ id: siteId, ...site }));
          return { ok: true as const, name: site.name };
        }
      }
      return { ok: false as const, errors, values: body };
    };

    app.get(paths.organisation.newSite.pattern, { config: { access: sitesAccess } }, async (request, reply) =>
      reply.render('organisation-structure/views/site-form.njk', {
        pageTitle: 'Add a site',
        values: {},
        backLink: paths.organisation.sites.build({ org: org(request).slug }),
      }),
    );

    app.post(
      paths.organisation.newSite.pattern,
      { config: { access: sitesAccess, audit: 'site.created' } },
      async (request, reply) => {
        const result = await saveSite(request, null);
        if (result.ok) {
          request.session.set('flash', { title: `${result.name} added` });
          return reply.redirect(paths.organisation.sites.build({ org: org(request).slug }));
        }
        return reply.status(400).render('organisation-structure/views/site-form.njk', {
          pageTitle: 'Add a site',
          values: result.values,
          errors: result.errors,
          backLink: paths.organisation.sites.build({ org: org(request).slug }),
        });
      },
    );

    app.get(
      paths.organisation.editSite.pattern,
      { config: { access: sitesAccess } },
      async (request, reply) => {
        const organisation = org(request);
        const site = await scoped(organisation.id, (repo) => repo.site(idOf(request, 'siteId')));
        if (!site) throw notFound();
        return reply.render('organisation-structure/views/site-form.njk', {
          pageTitle: `Change ${site.name}`,
          values: site,
          editing: true,
          backLink: paths.organisation.sites.build({ org: organisation.slug }),
        });
      },
    );

    app.post(
      paths.organisation.editSite.pattern,
      { config: { access: sitesAccess, audit: 'site.updated' } },
      async (request, reply) => {
        const organisation = org(request);
        const siteId = idOf(request, 'siteId');
        const site = await scoped(organisation.id, (repo) => repo.site(siteId));
        if (!site) throw notFound();
        const result = await saveSite(request, siteId);
        if (result.ok) {
          request.session.set('flash', { title: `${result.name} saved` });
          return reply.redirect(paths.organisation.sites.build({ org: organisation.slug }));
        }
        return reply.status(400).render('organisation-structure/views/site-form.njk', {
          pageTitle: `Change ${site.name}`,
          values: result.values,
          errors: result.errors,
          editing: true,
          backLink: paths.organisation.sites.build({ org: organisation.slug }),
        });
      },
    );
  };
}

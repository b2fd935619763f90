/**
 * The partnership admin's pages of OH services: which organisations each OH service serves, from
 * when and until when. A provider serving its own staff is marked as serving itself.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ukDate } from '../../domain/date-words.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { audit } from '../../web/audit.ts';
import { dateFromParts, dateParts, type FieldError } from '../../web/forms.ts';
import { parseRecordId } from '../../web/record-ids.ts';
import { formBody, textField } from '../../web/request-context.ts';
import { ohPaths } from './occupational-health-paths.ts';
import { ohServiceClientsRepository, type ServingRecord } from './oh-service-clients-repository.ts';

const access = { kind: 'permission', permission: 'partnership.oh-services' } as const;

export function partnershipPages(services: Services) {
  const { database, organisations } = services;
  const backLink = ohPaths.partnership.services.build();

  async function choices() {
    const all = await organisations.list();
    return { all, options: all.map((o) => ({ value: String(o.id), text: o.name })) };
  }

  /** The client organisation the address names, with its period of being served that has not ended. */
  async function openServingOf(request: FastifyRequest) {
    const slug = (request.params as { org?: string }).org ?? '';
    const client = await organisations.findBySlug(slug);
    if (!client) throw notFound();
    const serving = await ohServiceClientsRepository(database.system).openServing(client.id);
    if (!serving) throw notFound();
    const provider = await organisations.findById(serving.providerOrganisationId);
    return { client, serving, providerName: provider?.name ?? '' };
  }

  return async (app: FastifyInstance) => {
    app.get(ohPaths.partnership.services.pattern, { config: { access } }, async (_request, reply) => {
      const [{ all }, rows] = await Promise.all([
        choices(),
        ohServiceClientsRepository(database.system).all(),
      ]);
      const date = today();
      const nameOf = new Map(all.map((o) => [o.id, o]));
      const providers = [...new Set(rows.map((r) => r.providerOrganisationId))]
        .map((id) => ({ id, name: nameOf.get(id)?.name ?? '' }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const state = (r: ServingRecord) =>
        r.servedFrom > date
          ? { text: `From ${ukDate(r.servedFrom)}`, colour: 'blue' }
          : r.servedUntil !== null && r.servedUntil < date
            ? { text: 'Ended', colour: 'grey' }
            : { text: 'Serving', colour: 'green' };
      return reply.render('occupational-health/views/partnership-services.njk', {
        pageTitle: 'Occupational health services',
        newHref: ohPaths.partnership.newClient.build(),
        providers: providers.map((p) => ({
          name: p.name,
          clients: rows
            .filter((r) => r.providerOrganisationId === p.id)
            .map((r) => {
              const client = nameOf.get(r.clientOrganisationId);
              return {
                name: client?.name ?? '',
                itself: r.clientOrganisationId === p.id,
                servedFrom: r.servedFrom,
                servedUntil: r.servedUntil,
                state: state(r),
                endHref:
                  r.servedUntil === null && client
                    ? ohPaths.partnership.endClient.build({ org: client.slug })
                    : null,
              };
            }),
        })),
      });
    });

    const newPage = async (values: Record<string, unknown>, errors: FieldError[] = []) => {
      const { options } = await choices();
      const items = (chosen: unknown) => [
        { value: '', text: 'Choose an organisation' },
        ...options.map((o) => ({ ...o, selected: o.value === chosen })),
      ];
      return {
        pageTitle: 'Mark an organisation as served by an OH service',
        providerItems: items(values.provider),
        clientItems: items(values.client),
        values,
        errors,
        backLink,
      };
    };

    app.get(ohPaths.partnership.newClient.pattern, { config: { access } }, async (_request, reply) => {
      const start = dateParts(today());
      return reply.render(
        'occupational-health/views/partnership-new-client.njk',
        await newPage({
          'servedFrom-day': start.day,
          'servedFrom-month': start.month,
          'servedFrom-year': start.year,
        }),
      );
    });

    app.post(ohPaths.partnership.newClient.pattern, { config: { access } }, async (request, reply) => {
      const body = formBody(request);
      const { all } = await choices();
      const find = (name: string) => {
        const id = parseRecordId(textField(body, name));
        return all.find((o) => o.id === id) ?? null;
      };
      const provider = find('provider');
      const client = find('client');
      const from = dateFromParts(body, 'servedFrom', 'The date it is served from');
      const errors: FieldError[] = [];
      if (!provider)
        errors.push({ text: 'Choose the organisation whose OH service it is', href: '#provider' });
      if (!client) errors.push({ text: 'Choose the organisation it serves', href: '#client' });
      if (from.error) errors.push({ text: from.error, href: '#servedFrom-day' });
      else if (!from.value)
        errors.push({ text: 'Enter the date it is served from', href: '#servedFrom-day' });
      const added = await database.transaction(async (db) => {
        const repository = ohServiceClientsRepository(db);
        if (client && from.value) {
          const [overlap] = await repository.servedOnOrAfter(client.id, from.value);
          if (overlap) {
            const by = all.find((o) => o.id === overlap.providerOrganisationId)?.name ?? '';
            errors.push({
              text:
                overlap.servedUntil === null
                  ? `${client.name} is already served by ${by}’s OH service from ${ukDate(overlap.servedFrom)}: end that first`
                  : `${client.name} is served by ${by}’s OH service until ${ukDate(overlap.servedUntil)}: choose a later date`,
              href: '#client',
            });
          }
        }
        if (errors.length > 0 || !provider || !client || !from.value) return false;
        await repository.add({
          providerOrganisationId: provider.id,
          clientOrganisationId: client.id,
          servedFrom: from.value,
        });
        await audit(db, request, {
          action: 'oh-service.client-added',
          subjectType: 'oh_service_client',
          subjectId: client.id,
          detail: {
            providerOrganisationId: provider.id,
            clientOrganisationId: client.id,
            servedFrom: from.value,
          },
        });
        return true;
      });
      if (added && provider && client) {
        request.session.set('flash', {
          title:
            provider.id === client.id
              ? `${provider.name}’s OH service serves its own staff`
              : `${provider.name}’s OH service serves ${client.name}`,
        });
        return reply.redirect(backLink);
      }
      return reply
        .status(400)
        .render('occupational-health/views/partnership-new-client.njk', await newPage(body, errors));
    });

    const endPage = (
      found: Awaited<ReturnType<typeof openServingOf>>,
      values: Record<string, unknown>,
      errors: FieldError[] = [],
    ) => ({
      pageTitle: `Stop serving ${found.client.name}`,
      clientName: found.client.name,
      providerName: found.providerName,
      servedFrom: found.serving.servedFrom,
      values,
      errors,
      backLink,
    });

    app.get(ohPaths.partnership.endClient.pattern, { config: { access } }, async (request, reply) => {
      const found = await openServingOf(request);
      return reply.render('occupational-health/views/partnership-end-client.njk', endPage(found, {}));
    });

    app.post(ohPaths.partnership.endClient.pattern, { config: { access } }, async (request, reply) => {
      const found = await openServingOf(request);
      const body = formBody(request);
      const until = dateFromParts(body, 'servedUntil', 'The last day served');
      const errors: FieldError[] = [];
      if (until.error) errors.push({ text: until.error, href: '#servedUntil-day' });
      else if (!until.value) errors.push({ text: 'Enter the last day served', href: '#servedUntil-day' });
      else if (until.value < found.serving.servedFrom)
        errors.push({
          text: `The last day served must be on or after ${ukDate(found.serving.servedFrom)}, when it began`,
          href: '#servedUntil-day',
        });
      if (errors.length > 0 || !until.value) {
        return reply
          .status(400)
          .render('occupational-health/views/partnership-end-client.njk', endPage(found, body, errors));
      }
      const servedUntil = until.value;
      await database.transaction(async (db) => {
        if (
          !(await ohServiceClientsRepository(db).end(found.client.id, found.serving.servedFrom, servedUntil))
        )
          throw notFound();
        await audit(db, request, {
          action: 'oh-service.client-ended',
          subjectType: 'oh_service_client',
          subjectId: found.client.id,
          detail: {
            providerOrganisationId: found.serving.providerOrganisationId,
            clientOrganisationId: found.client.id,
            servedUntil,
          },
        });
      });
      request.session.set('flash', {
        title: `${found.providerName}’s OH service serves ${found.client.name} until ${ukDate(servedUntil)}`,
      });
      return reply.redirect(backLink);
    });
  };
}

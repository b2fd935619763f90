/**
 * The organisation admin's settings of single sign-on: their provider's issuer, the client id
 * and secret Wellwork is registered with there (the secret is sealed and never shown again), the
 * email domains whose people may sign in, and whether everyone but a break-glass admin must.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkIssuer, parseDomains } from '../../domain/single-sign-on.ts';
import type { Services } from '../../services.ts';
import { audit } from '../../web/audit.ts';
import type { FieldError } from '../../web/forms.ts';
import { formBody, organisationOf, textField, userIdOf } from '../../web/request-context.ts';
import { singleSignOnPaths } from './single-sign-on-paths.ts';
import { singleSignOnRepository } from './single-sign-on-repository.ts';
import { redirectUri, singleSignOnOf } from './single-sign-on-service.ts';

const MANAGE = { access: { kind: 'permission', permission: 'single-sign-on.manage' } } as const;

interface Values {
  issuer: string;
  clientId: string;
  allowedDomains: string;
  enabled: boolean;
  required: boolean;
  breakGlassUserId: string;
}

export function singleSignOnSettingsRoutes(services: Services) {
  const { database, users } = services;

  /** The organisation's admins whose access here is not suspended: who may be the break-glass account. */
  async function adminAccounts(organisationId: number) {
    const accounts = await users.listForOrganisation(organisationId);
    return accounts.filter((a) => a.roles.includes('organisation_admin') && !a.disabled && !a.suspendedHere);
  }

  async function settingsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    secretSaved: boolean,
    errors: FieldError[] = [],
  ) {
    const organisation = organisationOf(request);
    const admins = await adminAccounts(organisation.id);
    return reply.render('auth/views/single-sign-on-settings.njk', {
      pageTitle: 'Single sign-on',
      values,
      secretSaved,
      errors,
      redirectUri: redirectUri(services.config.publicUrl),
      breakGlassItems: [
        { value: '', text: 'Choose an organisation admin' },
        ...admins.map((a) => ({
          value: String(a.id),
          text: `${a.displayName} (${a.email})`,
          selected: values.breakGlassUserId === String(a.id),
        })),
      ],
    });
  }

  return async (app: FastifyInstance) => {
    app.get(singleSignOnPaths.settings.pattern, { config: MANAGE }, async (request, reply) => {
      const organisation = organisationOf(request);
      const settings = await singleSignOnOf(services, organisation.id);
      return settingsPage(
        request,
        reply,
        {
          issuer: settings?.issuer ?? '',
          clientId: settings?.clientId ?? '',
          allowedDomains: settings?.allowedDomains.join(', ') ?? '',
          enabled: settings?.enabled ?? false,
          required: settings?.required ?? false,
          breakGlassUserId: settings?.breakGlassUserId ? String(settings.breakGlassUserId) : '',
        },
        settings !== null,
      );
    });

    app.post(
      singleSignOnPaths.settings.pattern,
      { config: { ...MANAGE, audit: 'single-sign-on.changed' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const body = formBody(request);
        const values: Values = {
          issuer: textField(body, 'issuer').slice(0, 2048),
          clientId: textField(body, 'clientId').slice(0, 2048),
          allowedDomains: textField(body, 'allowedDomains').slice(0, 4096),
          enabled: body.enabled === 'yes',
          required: body.required === 'yes',
          breakGlassUserId: textField(body, 'breakGlassUserId').slice(0, 20),
        };
        const clientSecret = typeof body.clientSecret === 'string' ? body.clientSecret.trim() : '';
        const saved = await singleSignOnOf(services, organisation.id);

        const errors: FieldError[] = [];
        const issuer = values.issuer ? checkIssuer(values.issuer) : null;
        if (!issuer)
          errors.push({ text: 'Enter the issuer address of your sign-in service', href: '#issuer' });
        else if (!issuer.ok) errors.push({ text: issuer.problem, href: '#issuer' });
        if (!values.clientId) errors.push({ text: 'Enter the client ID', href: '#clientId' });
        else if (values.clientId.length > 255) {
          errors.push({ text: 'The client ID must be 255 characters or fewer', href: '#clientId' });
        }
        if (!clientSecret && !saved) errors.push({ text: 'Enter the client secret', href: '#clientSecret' });
        else if (clientSecret.length > 1024) {
          errors.push({ text: 'The client secret must be 1,024 characters or fewer', href: '#clientSecret' });
        }
        const { domains, invalid } = parseDomains(values.allowedDomains);
        if (invalid.length > 0) {
          errors.push({
            text: `“${invalid[0]}” is not an email domain: enter domains such as example.nhs.uk`,
            href: '#allowedDomains',
          });
        } else if (domains.length === 0) {
          errors.push({ text: 'Enter at least one email domain', href: '#allowedDomains' });
        }
        if (values.required && !values.enabled) {
          errors.push({
            text: 'Turn on single sign-on to require it, or untick “Require single sign-on”',
            href: '#enabled',
          });
        }
        const admins = await adminAccounts(organisation.id);
        const breakGlass = admins.find((a) => String(a.id) === values.breakGlassUserId) ?? null;
        if (values.breakGlassUserId && !breakGlass) {
          errors.push({ text: 'Choose one of the organisation admins listed', href: '#breakGlassUserId' });
        } else if (values.required && !breakGlass) {
          errors.push({
            text: 'Choose the break-glass account, who can still sign in with a password if single sign-on stops working',
            href: '#breakGlassUserId',
          });
        }
        if (errors.length > 0)
          return settingsPage(request, reply.status(400), values, saved !== null, errors);

        await database.scoped({ organisationIds: [organisation.id] }, async (db) => {
          await singleSignOnRepository(db).save(organisation.id, {
            issuer: values.issuer,
            clientId: values.clientId,
            clientSecretSealed: clientSecret
              ? services.sealer.seal(clientSecret, `single-sign-on:${organisation.id}`)
              : null,
            allowedDomains: domains,
            enabled: values.enabled,
            required: values.required,
            breakGlassUserId: breakGlass?.id ?? null,
            updatedBy: userIdOf(request),
          });
          await audit(db, request, {
            action: 'single-sign-on.changed',
            subjectType: 'organisation',
            subjectId: organisation.id,
            detail: {
              enabled: values.enabled,
              required: values.required,
              breakGlassUserId: breakGlass?.id ?? null,
              secretReplaced: clientSecret !== '',
            },
          });
        });
        request.session.set('flash', { title: 'Single sign-on settings saved' });
        return reply.redirect(singleSignOnPaths.settings.build({ org: organisation.slug }));
      },
    );
  };
}

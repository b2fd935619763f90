import type { FastifyInstance } from 'fastify';
import { ROLE_NAMES, type Role } from '../../domain/roles.ts';
import { inRoleOrder } from '../../domain/labels.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import type { HomeTask } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';
import type { Principal } from '../../web/types.ts';
import { invitationsToAnswer } from '../user-accounts/accounts-service.ts';
import { EMPTY_TASK_LIST } from './home-tasks.ts';

interface RoleSection {
  role: Role;
  roleName: string;
  tasks: HomeTask[];
  emptyText: string;
  links: { href: string; text: string }[];
  /** What modules add besides tasks and links: the manager's team, the employee's sickness. */
  [extra: string]: unknown;
}

/** "Line manager" → "line manager", keeping initialisms such as HR and OH. */
function asHeading(name: string): string {
  return /^[A-Z]{2}/.test(name) ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

interface OrganisationSection {
  name: string;
  slug: string;
  roles: RoleSection[];
}

/**
 * Each role's home page: its task list and where it can go, from the part each module adds to
 * the role's section (`Capability.homePage`), in module order.
 */
export function homeRoutes(services: Services) {
  const contributions = services.capabilities.flatMap((m) => m.homePage ?? []);

  async function sectionsFor(principal: Principal): Promise<OrganisationSection[]> {
    const date = today();
    const sections: OrganisationSection[] = [];
    for (const organisation of principal.organisations) {
      const roles = inRoleOrder(
        principal.grants.filter((g) => g.organisationId === organisation.id).map((g) => g.role),
      );
      const personId = principal.personIds.get(organisation.id) ?? null;
      const roleSections = await services.database.scoped(
        { organisationIds: [organisation.id] },
        async (db) => {
          const context = { db, organisation, personId, userId: principal.userId, date };
          const built: RoleSection[] = [];
          // The sections in the one order roles are read in everywhere, the most far-reaching first.
          for (const role of roles) {
            const section: RoleSection = {
              role,
              roleName: asHeading(ROLE_NAMES[role]),
              tasks: [],
              emptyText: EMPTY_TASK_LIST[role],
              links: [],
            };
            const imports: { href: string; text: string }[] = [];
            for (const contribution of contributions.filter((c) => c.role === role)) {
              const part = await contribution.part(context);
              section.tasks.push(...(part.tasks ?? []));
              section.links.push(...(part.links ?? []));
              imports.push(...(part.imports ?? []));
              Object.assign(section, part.extras ?? {});
            }
            section.links.push(...imports);
            built.push(section);
          }
          return built;
        },
      );
      sections.push({ name: organisation.name, slug: organisation.slug, roles: roleSections });
    }
    return sections;
  }

  return async (app: FastifyInstance) => {
    app.get(paths.home.pattern, { config: { access: { kind: 'signed-in' } } }, async (request, reply) => {
      const principal = request.principal;
      if (!principal) return reply.redirect(paths.signIn.build());
      return reply.render('home/views/home.njk', {
        pageTitle: 'Home',
        invitations: await invitationsToAnswer(services, principal.userId),
        organisations: await sectionsFor(principal),
      });
    });

    app.get(
      paths.accessibility.pattern,
      { config: { access: { kind: 'public' } } },
      async (_request, reply) => reply.render('accessibility.njk', { pageTitle: 'Accessibility statement' }),
    );
    app.get(paths.privacy.pattern, { config: { access: { kind: 'public' } } }, async (_request, reply) =>
      reply.render('privacy.njk', { pageTitle: 'Privacy' }),
    );
  };
}

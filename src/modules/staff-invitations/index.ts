import { homeLinks, type Capability } from '../../web/capability.ts';
import { invitationPaths } from './staff-invitations-paths.ts';

/** Invitations that bring an organisation's people in: by email, in bulk, each with a one-time link. */
export const capability: Capability = {
  name: 'Invitations',
  routes: (services) => async (app) => {
    const { staffInvitationsRoutes } = await import('./routes.ts');
    await app.register(staffInvitationsRoutes(services));
  },
  navigation: [
    {
      text: 'Invitations',
      permission: 'staff-invitations.send',
      href: (org) => invitationPaths.list.build({ org }),
    },
  ],
  homePage: [
    homeLinks(
      'organisation_admin',
      { text: 'Invite people to Wellwork', href: (org) => invitationPaths.new.build({ org }) },
      { text: 'Invitations sent', href: (org) => invitationPaths.list.build({ org }) },
    ),
  ],
  permissions: {
    'staff-invitations.send': {
      roles: ['organisation_admin'],
      description: 'Invite the organisation’s people to Wellwork by email, re-send and revoke invitations.',
    },
  },
};

import { path } from '../../web/paths.ts';

/** The addresses of invitations to an organisation's people. */
export const invitationPaths = {
  list: path('/o/:org/staff-invitations'),
  new: path('/o/:org/staff-invitations/new'),
  choosePeople: path('/o/:org/staff-invitations/new/people'),
  send: path('/o/:org/staff-invitations/send'),
  progress: path('/o/:org/staff-invitations/progress'),
  resend: path('/o/:org/staff-invitations/:staffInvitationId/resend'),
  revoke: path('/o/:org/staff-invitations/:staffInvitationId/revoke'),
  revokeExpired: path('/o/:org/staff-invitations/revoke-expired'),
  /** Where an invitation's email leads; its token is in the query, which logs withhold. */
  join: path('/o/:org/join'),
  /** Signing in through the organisation's single sign-on (built by the auth module). */
  singleSignOn: path('/o/:org/sign-in/single-sign-on'),
};

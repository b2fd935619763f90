/**
 * What an organisation's admin may do to accounts, and what an account's holder answers.
 *
 * Each organisation controls only its own grants. Adding someone always invites them: their
 * roles take effect only when they accept, so no organisation can attach another's account to
 * itself. Suspending access shuts the account out of this organisation alone. Every change is
 * audited in every organisation it touches, with what changed and never free text.
 */
import type { Db } from '../../db/database.ts';
import { recordAuditEvents } from '../../db/audit-repository.ts';
import { deleteSessionsOfUser } from '../../db/sessions-repository.ts';
import { rolesInWords } from '../../domain/labels.ts';
import { ROLES, type Role } from '../../domain/roles.ts';
import type { Services } from '../../services.ts';
import { ukDate } from '../../web/nunjucks.ts';
import { paths } from '../../web/paths.ts';
import { usersRepository, type Invitation } from '../auth/users-repository.ts';
import { renderEmail } from '../notifications/email-templates.ts';
import { personAccountsRepository } from '../people/person-accounts-repository.ts';

/** How long an invitation waits for its answer. */
export const INVITATION_DAYS = 14;

export { rolesInWords };

/** The roles added and removed by a change from `before` to `after`, in the order of ROLES. */
export function roleChanges(before: readonly Role[], after: readonly Role[]) {
  return {
    added: ROLES.filter((r) => after.includes(r) && !before.includes(r)),
    removed: ROLES.filter((r) => before.includes(r) && !after.includes(r)),
  };
}

interface AccountEvent {
  /** Every organisation the change touches: each gets its own copy of the event. */
  organisationIds: readonly number[];
  /** Who made the change. */
  actorId: number;
  action:
    | 'account.invited'
    | 'account.invitation-accepted'
    | 'account.invitation-declined'
    | 'account.invitation-withdrawn'
    | 'account.access-suspended'
    | 'account.access-restored'
    | 'account.roles-changed';
  accountId: number;
  detail: Record<string, string | number | boolean | null | readonly string[]>;
}

async function auditAccount(db: Db, event: AccountEvent): Promise<void> {
  const organisationIds = [...new Set(event.organisationIds)];
  if (organisationIds.length === 0) return;
  await recordAuditEvents(
    db,
    organisationIds.map((organisationId) => ({
      organisationId,
      userId: event.actorId,
      action: event.action,
      subjectType: 'account',
      subjectId: String(event.accountId),
      detail: event.detail,
    })),
  );
}

/**
 * The holder's answer to an invitation, told to the inviting organisation and to every
 * organisation the account holds roles in.
 */
async function auditAnswer(
  db: Db,
  invitation: Invitation,
  action: 'account.invitation-accepted' | 'account.invitation-declined',
): Promise<void> {
  const elsewhere = (await usersRepository(db).grantsOf(invitation.userId)).map((g) => g.organisationId);
  await auditAccount(db, {
    organisationIds: [invitation.organisationId, ...elsewhere],
    actorId: invitation.userId,
    action,
    accountId: invitation.userId,
    detail: {
      invitationId: invitation.id,
      organisationId: invitation.organisationId,
      roles: invitation.roles,
    },
  });
}

/**
 * Invites the account with this email to the organisation, creating the account with the name
 * and password given if there is none, and emails the address, naming them as the organisation
 * does. An account that exists keeps its name and password. The caller's reply must not depend
 * on which it was, so nothing is returned that says.
 */
export async function inviteAccount(
  services: Services,
  invitation: {
    organisationId: number;
    organisationName: string;
    invitedBy: number;
    email: string;
    displayName: string;
    passwordHash: string;
    roles: readonly Role[];
    personId: number | null;
  },
): Promise<void> {
  const expiresAt = await services.database.transaction(async (db) => {
    const users = usersRepository(db);
    const { user } = await users.findOrCreate({
      email: invitation.email,
      displayName: invitation.displayName,
      passwordHash: invitation.passwordHash,
    });
    const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000).toISOString();
    const created = await users.invite({
      organisationId: invitation.organisationId,
      userId: user.id,
      email: invitation.email,
      roles: [...invitation.roles],
      personId: invitation.personId,
      invitedBy: invitation.invitedBy,
      expiresAt,
    });
    await auditAccount(db, {
      organisationIds: [invitation.organisationId],
      actorId: invitation.invitedBy,
      action: 'account.invited',
      accountId: user.id,
      detail: { invitationId: created.id, roles: created.roles, linksPerson: created.personId !== null },
    });
    return created.expiresAt;
  });
  // Named as the organisation knows them: the same email whether or not the account exists.
  const name = invitation.displayName;
  const roles = rolesInWords(invitation.roles);
  try {
    await services.mailer.send({
      to: invitation.email,
      subject: `${name}, ${invitation.organisationName} has invited you to Wellwork as ${roles}`,
      ...renderEmail('account-invitation', {
        name,
        organisationName: invitation.organisationName,
        roles,
        link: `${services.config.publicUrl}${paths.invitations.build()}`,
        expiresOn: expiresAt,
      }),
    });
  } catch (error) {
    // The invitation stands, and is shown when they sign in; the reply must not differ either.
    process.emitWarning(`The invitation email could not be sent: ${(error as Error).message}`);
  }
}

/**
 * The holder accepts an invitation: its roles are granted and the person linked (if no one has
 * been linked to them since). The organisation joined and every other the account holds roles in
 * are told. Null if there is no such invitation of theirs waiting.
 */
export async function acceptInvitation(
  services: Services,
  userId: number,
  invitationId: number,
): Promise<Invitation | null> {
  const invitation = await services.database.transaction(async (db) => {
    const users = usersRepository(db);
    const taken = await users.takeInvitation(invitationId, { userId, current: true });
    if (!taken) return null;
    await users.grant(userId, taken.organisationId, taken.roles);
    await auditAnswer(db, taken, 'account.invitation-accepted');
    return taken;
  });
  if (invitation?.personId != null) {
    const { organisationId, personId } = invitation;
    await services.database.scoped({ organisationIds: [organisationId] }, (db) =>
      personAccountsRepository(db, organisationId).linkPerson(personId, userId),
    );
  }
  return invitation;
}

/**
 * The holder declines an invitation, which is then gone. The inviting organisation and every
 * organisation the account holds roles in are told. Null if there is no such invitation of theirs.
 */
export async function declineInvitation(
  services: Services,
  userId: number,
  invitationId: number,
): Promise<Invitation | null> {
  return services.database.transaction(async (db) => {
    const users = usersRepository(db);
    const taken = await users.takeInvitation(invitationId, { userId, current: false });
    if (!taken) return null;
    await auditAnswer(db, taken, 'account.invitation-declined');
    return taken;
  });
}

/** The organisation withdraws one of its own invitations. Null if it has no such invitation. */
export async function withdrawInvitation(
  services: Services,
  organisationId: number,
  actorId: number,
  invitationId: number,
): Promise<Invitation | null> {
  return services.database.transaction(async (db) => {
    const taken = await usersRepository(db).takeInvitation(invitationId, { organisationId });
    if (!taken) return null;
    await auditAccount(db, {
      organisationIds: [organisationId],
      actorId,
      action: 'account.invitation-withdrawn',
      accountId: taken.userId,
      detail: { invitationId: taken.id, roles: taken.roles },
    });
    return taken;
  });
}

/**
 * Suspends or restores the account's access to this organisation only. Restoring lifts this
 * organisation's own suspension and nothing else: an account disabled as a whole stays disabled.
 * Suspending ends every session of the account, so that it signs in afresh with what it has left.
 */
export async function setAccessHere(
  services: Services,
  organisationId: number,
  actorId: number,
  accountId: number,
  action: 'disable' | 'enable',
): Promise<void> {
  await services.database.transaction(async (db) => {
    const changed = await usersRepository(db).setSuspended(
      accountId,
      organisationId,
      action === 'disable',
      actorId,
    );
    if (action === 'disable') await deleteSessionsOfUser(db, accountId);
    await auditAccount(db, {
      organisationIds: [organisationId],
      actorId,
      action: action === 'disable' ? 'account.access-suspended' : 'account.access-restored',
      accountId,
      detail: { action, changed },
    });
  });
}

/**
 * Replaces the account's roles in this organisation, recording the roles added and removed. A
 * role removed ends every session of the account (but `keepSession`, the session of an admin
 * changing their own roles).
 */
export async function changeRoles(
  services: Services,
  organisationId: number,
  actorId: number,
  accountId: number,
  before: readonly Role[],
  after: readonly Role[],
  keepSession?: string,
): Promise<void> {
  await services.database.transaction(async (db) => {
    await usersRepository(db).replaceGrants(accountId, organisationId, after);
    const { added, removed } = roleChanges(before, after);
    if (removed.length > 0) await deleteSessionsOfUser(db, accountId, keepSession);
    await auditAccount(db, {
      organisationIds: [organisationId],
      actorId,
      action: 'account.roles-changed',
      accountId,
      detail: { added, removed },
    });
  });
}

/**
 * The invitations waiting for the account holder's answer, in plain words: "Merrowby Council has
 * invited you to Wellwork as HR and Employee".
 */
export async function invitationsToAnswer(services: Services, userId: number) {
  const invitations = await services.users.invitationsFor(userId);
  const inviters = await services.users.displayNames(invitations.map((i) => i.invitedBy));
  return invitations.map((i) => ({
    id: i.id,
    organisationName: i.organisationName,
    text: `${i.organisationName} has invited you to Wellwork as ${rolesInWords(i.roles)}`,
    hint: `Sent by ${inviters.get(i.invitedBy) ?? 'an administrator'} on ${ukDate(i.createdAt)}. Answer by ${ukDate(i.expiresAt)}.`,
    acceptAction: paths.acceptInvitation.build({ invitationId: i.id }),
    declineAction: paths.declineInvitation.build({ invitationId: i.id }),
  }));
}

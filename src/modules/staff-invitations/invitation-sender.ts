/**
 * Sends the emails of invitations waiting to be sent, a batch at a time, after the request that
 * made them. A batch is claimed with `for update skip locked`, so any number of senders, on one
 * server or several, each send different invitations; an invitation is marked sent, with the hash
 * of the link its email carries, in the transaction that claimed it, so it is never claimed again.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Services } from '../../services.ts';
import { singleSignOnEnabled } from '../auth/single-sign-on-flag-queries.ts';
import { INVITATION_LINK_DAYS } from '../../domain/staff-invitations.ts';
import { renderEmail } from '../notifications/email-templates.ts';
import { staffInvitationsRepository } from './staff-invitations-repository.ts';
import { invitationPaths } from './staff-invitations-paths.ts';

export const SEND_BATCH_SIZE = 10;

export interface InvitingOrganisation {
  id: number;
  slug: string;
  name: string;
}

/** The SHA-256 of a link's secret: all that is kept of it. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A link's secret: 256 random bits. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Sends every invitation of the organisation waiting to be sent, until none is left that no
 * other sender holds; the number this sender sent. Stops at the first email that cannot be sent,
 * leaving it (and the rest) waiting for the next run. An email is marked sent only once it has
 * gone, in the transaction that holds it: if the process stops between the two, that one email
 * may be sent again, with a new link (the first one's never worked); no other is.
 */
export async function sendWaitingInvitations(
  services: Services,
  organisation: InvitingOrganisation,
  batchSize = SEND_BATCH_SIZE,
): Promise<number> {
  let sent = 0;
  for (;;) {
    const batch = await services.database.scoped({ organisationIds: [organisation.id] }, async (db) => {
      const invitations = staffInvitationsRepository(db, organisation.id);
      const claimed = await invitations.claimWaiting(batchSize);
      if (claimed.length === 0) return { sent: 0, more: false };
      const singleSignOn = await singleSignOnEnabled(db, organisation.id);
      let count = 0;
      for (const invitation of claimed) {
        const token = newToken();
        const expiresAt = new Date(Date.now() + INVITATION_LINK_DAYS * 86_400_000);
        const name = `${invitation.first_name} ${invitation.last_name}`;
        const link = `${services.config.publicUrl}${invitationPaths.join.build({ org: organisation.slug })}?token=${token}`;
        try {
          await services.mailer.send({
            to: invitation.email,
            subject: `${name}, ${organisation.name} has set up Wellwork for you`,
            ...renderEmail('staff-invitation', {
              name,
              organisationName: organisation.name,
              link,
              singleSignOn,
              expiresOn: expiresAt,
            }),
          });
        } catch (error) {
          // Left waiting, for the next run; those sent before it are marked sent as this ends.
          process.emitWarning(`An invitation email could not be sent: ${(error as Error).message}`);
          return { sent: count, more: false };
        }
        await invitations.markSent(invitation.id, tokenHash(token), expiresAt);
        count += 1;
      }
      return { sent: count, more: true };
    });
    sent += batch.sent;
    if (!batch.more) return sent;
  }
}

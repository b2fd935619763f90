/**
 * Invitations to an organisation's people who have no account: how long their links last, what
 * state each is in, and how that is said. Pure: no I/O.
 */
import { ukDate } from './date-words.ts';

/** How long an invitation's link works after its email is sent. */
export const INVITATION_LINK_DAYS = 7;

export const INVITATION_STATUSES = ['waiting', 'sent', 'accepted', 'expired', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export function isInvitationStatus(value: unknown): value is InvitationStatus {
  return typeof value === 'string' && (INVITATION_STATUSES as readonly string[]).includes(value);
}

export interface InvitationDates {
  sentAt: Date | null;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

/**
 * Where an invitation stands: revoked and accepted are for good; until its email goes it is
 * waiting (its link does not exist yet); once sent, it works until it expires.
 */
export function invitationStatus(invitation: InvitationDates, now: Date): InvitationStatus {
  if (invitation.revokedAt) return 'revoked';
  if (invitation.acceptedAt) return 'accepted';
  if (!invitation.sentAt) return 'waiting';
  return invitation.expiresAt.getTime() <= now.getTime() ? 'expired' : 'sent';
}

/** The status in words: "Sent on 3 December 2026", "Expired on 10 December 2026". */
export function invitationStatusWords(invitation: InvitationDates, now: Date): string {
  switch (invitationStatus(invitation, now)) {
    case 'revoked':
      return `Revoked on ${ukDate(invitation.revokedAt)}`;
    case 'accepted':
      return `Accepted on ${ukDate(invitation.acceptedAt)}`;
    case 'waiting':
      return 'Waiting to be sent';
    case 'expired':
      return `Expired on ${ukDate(invitation.expiresAt)}`;
    case 'sent':
      return `Sent on ${ukDate(invitation.sentAt)}`;
  }
}

/** The filter's words for each status. */
export const STATUS_FILTER_NAMES: Record<InvitationStatus, string> = {
  waiting: 'Waiting to be sent',
  sent: 'Sent, not yet accepted',
  accepted: 'Accepted',
  expired: 'Expired',
  revoked: 'Revoked',
};

/**
 * Why a link cannot be used, in words for the person who followed it, or null if it can: only a
 * sent invitation that has not expired, been revoked or been used.
 */
export function linkProblem(invitation: InvitationDates | null, now: Date): string | null {
  if (!invitation) {
    return 'This link does not work. It may have been replaced by a newer invitation: use the link in the latest email, or ask your organisation’s administrator to send you another.';
  }
  switch (invitation.sentAt ? invitationStatus(invitation, now) : 'revoked') {
    case 'accepted':
      return 'This link has already been used to set up your account. Sign in with your email address and password.';
    case 'revoked':
      return 'This invitation has been withdrawn. Ask your organisation’s administrator if you need an account.';
    case 'expired':
      return `This link expired on ${ukDate(invitation.expiresAt)}. Ask your organisation’s administrator to send you a new invitation.`;
    case 'waiting':
    case 'sent':
      return null;
  }
}

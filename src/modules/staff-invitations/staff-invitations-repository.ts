import { sql, type SQL } from 'drizzle-orm';
import { intArray } from '../../db/array-parameters.ts';
import { queryRows, type Db } from '../../db/database.ts';
import { INVITATION_LINK_DAYS, type InvitationStatus } from '../../domain/staff-invitations.ts';
import { employmentTermsOf, peopleOf, unitsOf } from '../people/people-sources-queries.ts';

/** Whom a request invites: everyone who can be, everyone in a unit and below it, or some people. */
export type InvitationTarget =
  { who: 'everyone' } | { who: 'unit'; unitId: number } | { who: 'chosen'; personIds: readonly number[] };

export interface InvitablePerson {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  employeeNumber: string;
}

export interface InvitationRow {
  id: number;
  personId: number;
  email: string;
  firstName: string;
  lastName: string;
  employeeNumber: string;
  createdAt: Date;
  sentAt: Date | null;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

const LINK_LIFETIME = sql.raw(`interval '${INVITATION_LINK_DAYS} days'`);

/** A token hash no link can have (links' are 64 hexadecimal digits): until the email goes. */
const UNSENT = sql`'unsent:' || gen_random_uuid()::text`;

const asDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const asDateOrNull = (value: unknown): Date | null => (value == null ? null : asDate(value));

type RawInvitation = {
  id: number;
  person_id: number;
  email: string;
  first_name: string;
  last_name: string;
  employee_number: string;
  created_at: unknown;
  sent_at: unknown;
  expires_at: unknown;
  accepted_at: unknown;
  revoked_at: unknown;
};

function invitationRow(r: RawInvitation): InvitationRow {
  return {
    id: r.id,
    personId: r.person_id,
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
    employeeNumber: r.employee_number,
    createdAt: asDate(r.created_at),
    sentAt: asDateOrNull(r.sent_at),
    expiresAt: asDate(r.expires_at),
    acceptedAt: asDateOrNull(r.accepted_at),
    revokedAt: asDateOrNull(r.revoked_at),
  };
}

/** An invitation's state as a condition on `i`, for the list's filter. */
function statusCondition(status: InvitationStatus): SQL {
  const open = sql`i.accepted_at is null and i.revoked_at is null`;
  switch (status) {
    case 'waiting':
      return sql`${open} and i.sent_at is null`;
    case 'sent':
      return sql`${open} and i.sent_at is not null and i.expires_at > now()`;
    case 'expired':
      return sql`${open} and i.sent_at is not null and i.expires_at <= now()`;
    case 'accepted':
      return sql`i.revoked_at is null and i.accepted_at is not null`;
    case 'revoked':
      return sql`i.revoked_at is not null`;
  }
}

/**
 * An organisation's invitations to its people who have no account: the only code that queries
 * `staff_invitations`. People, their terms and units are read through the sources the people
 * module publishes.
 */
export function staffInvitationsRepository(db: Db, organisationId: number) {
  /**
   * The people a target invites on a date: those with an email address, no account and no
   * invitation still open, who have not left. A unit includes the units below it, by each
   * person's terms in force (or, for someone yet to start, their first terms).
   */
  function invitable(target: InvitationTarget, onDate: string): SQL {
    const subtree =
      target.who === 'unit'
        ? sql`with recursive subtree as (
              select u.id from ${unitsOf(organisationId)} u where u.id = ${target.unitId}
              union
              select u.id from ${unitsOf(organisationId)} u join subtree on u.parent_id = subtree.id)`
        : sql``;
    const inUnit =
      target.who === 'unit'
        ? sql`and (
              select s.unit_id from ${employmentTermsOf(organisationId)} s
              where s.person_id = p.id
              order by (s.effective_from <= ${onDate}::date) desc,
                       case when s.effective_from <= ${onDate}::date then s.effective_from end desc,
                       s.effective_from
              limit 1) in (select id from subtree)`
        : sql``;
    const chosen =
      target.who === 'chosen' ? sql`and p.id = any(${intArray([...target.personIds])}::int[])` : sql``;
    return sql`${subtree}
      select p.organisation_id, p.id, p.first_name, p.last_name, btrim(p.email) as email, p.employee_number
      from ${peopleOf(organisationId)} p
      where p.email is not null and btrim(p.email) <> '' and p.user_id is null
        and (p.end_date is null or p.end_date >= ${onDate}::date)
        and not exists (
          select 1 from staff_invitations i
          where i.organisation_id = p.organisation_id and i.person_id = p.id
            and i.accepted_at is null and i.revoked_at is null)
        ${inUnit} ${chosen}`;
  }

  return {
    /** How many a target would invite today. */
    async countInvitable(target: InvitationTarget, onDate: string): Promise<number> {
      const rows = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from (${invitable(target, onDate)}) p`,
      );
      return rows[0]?.n ?? 0;
    },

    /** A page of the people a target would invite, by name; and how many there are in all. */
    async invitablePeople(
      target: InvitationTarget,
      onDate: string,
      page: { limit: number; offset: number },
    ): Promise<{ people: InvitablePerson[]; total: number }> {
      const rows = await queryRows<{
        id: number;
        first_name: string;
        last_name: string;
        email: string;
        employee_number: string;
        total: number;
      }>(
        db,
        sql`select p.id, p.first_name, p.last_name, p.email, p.employee_number, count(*) over ()::int as total
            from (${invitable(target, onDate)}) p
            order by p.last_name, p.first_name, p.id
            limit ${page.limit} offset ${page.offset}`,
      );
      return {
        people: rows.map((r) => ({
          id: r.id,
          firstName: r.first_name,
          lastName: r.last_name,
          email: r.email,
          employeeNumber: r.employee_number,
        })),
        total: rows[0]?.total ?? 0,
      };
    },

    /** Of these people, those who are the organisation's. */
    async peopleHere(personIds: readonly number[]): Promise<number[]> {
      if (personIds.length === 0) return [];
      const rows = await queryRows<{ id: number }>(
        db,
        sql`select p.id from ${peopleOf(organisationId)} p where p.id = any(${intArray([...personIds])}::int[])`,
      );
      return rows.map((r) => r.id);
    },

    /** The organisation's units, by their place in it. */
    async units(): Promise<{ id: number; path: string }[]> {
      return queryRows<{ id: number; path: string }>(
        db,
        sql`select u.id, u.path from ${unitsOf(organisationId)} u order by u.path`,
      );
    },

    /**
     * Invites everyone the target invites, waiting to be sent. A person with an invitation still
     * open is left out (the open-person index), so sending the same request again, or two at once,
     * invites nobody twice. The number invited now.
     */
    async invite(
      target: InvitationTarget,
      onDate: string,
      requestKey: string,
      invitedBy: number,
    ): Promise<number> {
      const rows = await queryRows<{ id: number }>(
        db,
        sql`insert into staff_invitations
              (organisation_id, person_id, email, request_key, token_hash, invited_by, expires_at)
            select p.organisation_id, p.id, p.email, ${requestKey}, ${UNSENT}, ${invitedBy}, now() + ${LINK_LIFETIME}
            from (${invitable(target, onDate)}) p
            on conflict do nothing
            returning id`,
      );
      return rows.length;
    },

    /** How many a request invited, and how many of those have been sent (or revoked before). */
    async progress(requestKey: string | null) {
      const rows = await queryRows<{ total: number; sent: number; revoked: number }>(
        db,
        sql`select count(*)::int as total, count(i.sent_at)::int as sent,
                   count(*) filter (where i.sent_at is null and (i.revoked_at is not null or i.accepted_at is not null))::int as revoked
            from staff_invitations i
            where i.organisation_id = ${organisationId} and i.request_key = ${requestKey}`,
      );
      return rows[0] ?? { total: 0, sent: 0, revoked: 0 };
    },

    /** How many of the organisation's invitations wait to be sent. */
    async waitingToBeSent(): Promise<number> {
      const rows = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from staff_invitations i
            where i.organisation_id = ${organisationId} and ${statusCondition('waiting')}`,
      );
      return rows[0]?.n ?? 0;
    },

    /**
     * Claims up to `limit` invitations waiting to be sent, locked until the transaction ends.
     * Those another sender holds are skipped, so two senders never claim the same one.
     */
    async claimWaiting(limit: number) {
      return queryRows<{ id: number; email: string; first_name: string; last_name: string }>(
        db,
        sql`select i.id, i.email, p.first_name, p.last_name
            from staff_invitations i
            join ${peopleOf(organisationId)} p on p.organisation_id = i.organisation_id and p.id = i.person_id
            where i.organisation_id = ${organisationId} and ${statusCondition('waiting')}
            order by i.id
            limit ${limit}
            for update of i skip locked`,
      );
    },

    /** Records that an invitation's email went, with its link's hash and when the link stops working. */
    async markSent(invitationId: number, tokenHash: string, expiresAt: Date): Promise<void> {
      await db.execute(
        sql`update staff_invitations
            set token_hash = ${tokenHash}, sent_at = now(), expires_at = ${expiresAt.toISOString()}::timestamptz
            where organisation_id = ${organisationId} and id = ${invitationId}`,
      );
    },

    /** A page of the organisation's invitations, newest first, of one status or all. */
    async list(status: InvitationStatus | null, page: { limit: number; offset: number }) {
      const rows = await queryRows<RawInvitation & { total: number }>(
        db,
        sql`select i.id, i.person_id, i.email, p.first_name, p.last_name, p.employee_number,
                   i.created_at, i.sent_at, i.expires_at, i.accepted_at, i.revoked_at,
                   count(*) over ()::int as total
            from staff_invitations i
            join ${peopleOf(organisationId)} p on p.organisation_id = i.organisation_id and p.id = i.person_id
            where i.organisation_id = ${organisationId} ${status ? sql`and ${statusCondition(status)}` : sql``}
            order by i.created_at desc, i.id desc
            limit ${page.limit} offset ${page.offset}`,
      );
      return { invitations: rows.map(invitationRow), total: rows[0]?.total ?? 0 };
    },

    /** How many expired invitations are still open. */
    async countExpired(): Promise<number> {
      const rows = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from staff_invitations i
            where i.organisation_id = ${organisationId} and ${statusCondition('expired')}`,
      );
      return rows[0]?.n ?? 0;
    },

    /** The invitation whose link has this hash, locked for this transaction, with its person. */
    async byTokenHash(tokenHash: string): Promise<(InvitationRow & { personUserId: number | null }) | null> {
      const rows = await queryRows<RawInvitation & { person_user_id: number | null }>(
        db,
        sql`select i.id, i.person_id, i.email, p.first_name, p.last_name, p.employee_number, p.user_id as person_user_id,
                   i.created_at, i.sent_at, i.expires_at, i.accepted_at, i.revoked_at
            from staff_invitations i
            join ${peopleOf(organisationId)} p on p.organisation_id = i.organisation_id and p.id = i.person_id
            where i.organisation_id = ${organisationId} and i.token_hash = ${tokenHash}
            for update of i`,
      );
      const row = rows[0];
      return row ? { ...invitationRow(row), personUserId: row.person_user_id } : null;
    },

    /** Marks the invitation accepted by the account made for it; false if it was not open. */
    async markAccepted(invitationId: number, userId: number): Promise<boolean> {
      const rows = await queryRows<{ id: number }>(
        db,
        sql`update staff_invitations set accepted_at = now(), user_id = ${userId}
            where organisation_id = ${organisationId} and id = ${invitationId}
              and accepted_at is null and revoked_at is null
            returning id`,
      );
      return rows.length > 0;
    },

    /**
     * Sends an open invitation again: a new link, made when the email goes, replaces the old one,
     * which stops working now. The invitation, or null if there is no open one of that id.
     */
    async resend(invitationId: number) {
      const rows = await queryRows<{ id: number; email: string }>(
        db,
        sql`update staff_invitations
            set token_hash = ${UNSENT}, sent_at = null, expires_at = now() + ${LINK_LIFETIME}
            where organisation_id = ${organisationId} and id = ${invitationId}
              and accepted_at is null and revoked_at is null
            returning id, email`,
      );
      return rows[0] ?? null;
    },

    /** Revokes an open invitation: its link stops working. Null if there is no open one of that id. */
    async revoke(invitationId: number) {
      const rows = await queryRows<{ id: number; email: string }>(
        db,
        sql`update staff_invitations set revoked_at = now()
            where organisation_id = ${organisationId} and id = ${invitationId}
              and accepted_at is null and revoked_at is null
            returning id, email`,
      );
      return rows[0] ?? null;
    },

    /** Revokes every expired invitation still open; how many. */
    async revokeExpired(): Promise<number> {
      const rows = await queryRows<{ id: number }>(
        db,
        sql`update staff_invitations i set revoked_at = now()
            where i.organisation_id = ${organisationId} and ${statusCondition('expired')}
            returning i.id`,
      );
      return rows.length;
    },
  };
}

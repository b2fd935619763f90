import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { textArray } from '../../db/array-parameters.ts';
import { type Db } from '../../db/database.ts';
import { accountInvitations, accountSuspensions, authenticatorApps, roleGrants } from './auth-schema.ts';
import { organisations, users } from '../../db/schema.ts';
import { peopleOfAccount } from '../people/person-accounts-repository.ts';
import { isRole, ROLES, type Grant, type Role } from '../../domain/roles.ts';
import type { OrganisationRecord, Principal } from '../../web/types.ts';

export interface Invitation {
  id: number;
  organisationId: number;
  userId: number;
  email: string;
  roles: Role[];
  personId: number | null;
  invitedBy: number;
  createdAt: string;
  expiresAt: string;
}

function asInvitation(row: typeof accountInvitations.$inferSelect): Invitation {
  return { ...row, roles: row.roles.filter(isRole) };
}

/**
 * User accounts, their role grants, each organisation's suspensions of them and the invitations
 * to them: the only code that queries those tables.
 */
export function usersRepository(db: Db) {
  return {
    async findByEmail(email: string) {
      const rows = await db
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
      return rows[0] ?? null;
    },

    /**
     * The account with its grants, the organisations they are in and the people it is linked to,
     * leaving out every organisation that has suspended the account's access, or null if the
     * account is disabled or gone; and the organisation named by `organisationSlug`, if there is
     * one, as on record; and whether it has a confirmed authenticator app: one statement, as it runs on every request of a signed-in user.
     */
    async loadPrincipal(
      userId: number,
      organisationSlug: string | null = null,
    ): Promise<{ principal: Principal | null; organisation: OrganisationRecord | null }> {
      const rows = await db
        .select({
          id: users.id,
          email: users.email,
          displayName: users.displayName,
          disabled: users.disabled,
          grants: sql<{ organisationId: number; role: string }[]>`coalesce((
            select json_agg(json_build_object('organisationId', g.organisation_id, 'role', g.role))
            from ${roleGrants} g where g.user_id = ${users.id}
              and not exists (select 1 from ${accountSuspensions} s
                              where s.organisation_id = g.organisation_id and s.user_id = g.user_id)), '[]')`,
          organisations: sql<{ id: number; slug: string; name: string }[]>`coalesce((
            select json_agg(json_build_object('id', o.id, 'slug', o.slug, 'name', o.name) order by o.name)
            from ${organisations} o
            where o.id in (select g.organisation_id from ${roleGrants} g
                           where g.user_id = ${users.id} and g.role = any(${textArray(ROLES)}::text[]))
              and o.id not in (select s.organisation_id from ${accountSuspensions} s
                               where s.user_id = ${users.id})), '[]')`,
          linked: sql<{ organisationId: number; personId: number }[]>`coalesce((
            select json_agg(json_build_object('organisationId', p.organisation_id, 'personId', p.id))
            from ${peopleOfAccount(users.id)} p
            where p.organisation_id not in (select s.organisation_id from ${accountSuspensions} s
                                            where s.user_id = ${users.id})), '[]')`,
          hasAuthenticator: sql<boolean>`exists (select 1 from ${authenticatorApps} a
            where a.user_id = ${users.id} and a.confirmed_at is not null)`,
          organisation: organisations,
        })
        .from(users)
        .leftJoin(organisations, sql`${organisations.slug} = ${organisationSlug}`)
        .where(eq(users.id, userId));
      const user = rows[0];
      if (!user || user.disabled) return { principal: null, organisation: null };
      return {
        principal: {
          userId: user.id,
          email: user.email,
          displayName: user.displayName,
          grants: user.grants.filter((g): g is Grant => isRole(g.role)),
          organisations: user.organisations,
          personIds: new Map(user.linked.map((l) => [l.organisationId, l.personId])),
          hasAuthenticator: user.hasAuthenticator,
        },
        organisation: user.organisation,
      };
    },

    async create(account: { email: string; displayName: string; passwordHash: string | null }) {
      const [row] = await db
        .insert(users)
        .values({
          email: account.email.trim(),
          displayName: account.displayName,
          passwordHash: account.passwordHash,
        })
        .returning();
      if (!row) throw new Error('The account was not created');
      return row;
    },

    /**
     * The account with this email, or a new one with these details if there is none: an account
     * that exists keeps its name and password. Safe when two people add the same email at once.
     */
    async findOrCreate(account: { email: string; displayName: string; passwordHash: string }) {
      const [created] = await db
        .insert(users)
        .values({
          email: account.email.trim(),
          displayName: account.displayName,
          passwordHash: account.passwordHash,
        })
        .onConflictDoNothing()
        .returning();
      if (created) return { user: created, created: true };
      const existing = await this.findByEmail(account.email);
      if (!existing) throw new Error('The account was neither found nor created');
      return { user: existing, created: false };
    },

    async setPasswordHash(userId: number, passwordHash: string) {
      await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
    },

    async grant(userId: number, organisationId: number, roles: readonly Role[]) {
      if (roles.length === 0) return;
      await db
        .insert(roleGrants)
        .values(roles.map((role) => ({ userId, organisationId, role })))
        .onConflictDoNothing();
    },

    async replaceGrants(userId: number, organisationId: number, roles: readonly Role[]) {
      await db
        .delete(roleGrants)
        .where(and(eq(roleGrants.userId, userId), eq(roleGrants.organisationId, organisationId)));
      await this.grant(userId, organisationId, roles);
    },

    /**
     * Accounts holding any role in the organisation, with their roles there and whether the
     * organisation has suspended their access (`suspendedHere`) or the account itself is disabled.
     */
    async listForOrganisation(organisationId: number) {
      const rows = await db
        .select({
          id: users.id,
          email: users.email,
          displayName: users.displayName,
          disabled: users.disabled,
          suspendedHere: sql<boolean>`${accountSuspensions.userId} is not null`,
          role: roleGrants.role,
        })
        .from(roleGrants)
        .innerJoin(users, eq(users.id, roleGrants.userId))
        .leftJoin(
          accountSuspensions,
          and(
            eq(accountSuspensions.organisationId, roleGrants.organisationId),
            eq(accountSuspensions.userId, roleGrants.userId),
          ),
        )
        .where(eq(roleGrants.organisationId, organisationId))
        .orderBy(users.displayName, roleGrants.role);
      const byId = new Map<
        number,
        {
          id: number;
          email: string;
          displayName: string;
          disabled: boolean;
          suspendedHere: boolean;
          roles: Role[];
        }
      >();
      for (const row of rows) {
        const entry = byId.get(row.id) ?? { ...row, roles: [] };
        if (isRole(row.role)) entry.roles.push(row.role);
        byId.set(row.id, entry);
      }
      return [...byId.values()];
    },

    async findById(userId: number) {
      const rows = await db.select().from(users).where(eq(users.id, userId));
      return rows[0] ?? null;
    },

    /** The display names of accounts, by id: for saying who made a change. */
    async displayNames(userIds: readonly number[]): Promise<Map<number, string>> {
      const ids = [...new Set(userIds)];
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: users.id, displayName: users.displayName })
        .from(users)
        .where(inArray(users.id, ids));
      return new Map(rows.map((r) => [r.id, r.displayName]));
    },

    /**
     * Disables or enables the account itself, in every organisation: for the partnership's own
     * administration, never for one organisation's admin (they suspend access to their own).
     */
    async setDisabled(userId: number, disabled: boolean) {
      await db.update(users).set({ disabled }).where(eq(users.id, userId));
    },

    async rolesIn(userId: number, organisationId: number): Promise<Role[]> {
      const rows = await db
        .select({ role: roleGrants.role })
        .from(roleGrants)
        .where(and(eq(roleGrants.userId, userId), eq(roleGrants.organisationId, organisationId)));
      return rows.map((r) => r.role).filter(isRole);
    },

    /** Whether the organisation has suspended the account's access to it. */
    async isSuspended(userId: number, organisationId: number): Promise<boolean> {
      const rows = await db
        .select({ userId: accountSuspensions.userId })
        .from(accountSuspensions)
        .where(
          and(eq(accountSuspensions.userId, userId), eq(accountSuspensions.organisationId, organisationId)),
        );
      return rows.length > 0;
    },

    /**
     * Suspends or restores the account's access to this one organisation; the account and its
     * roles elsewhere are untouched. True if that changed anything.
     */
    async setSuspended(
      userId: number,
      organisationId: number,
      suspended: boolean,
      by: number | null,
    ): Promise<boolean> {
      const changed = suspended
        ? await db
            .insert(accountSuspensions)
            .values({ userId, organisationId, suspendedBy: by })
            .onConflictDoNothing()
            .returning()
        : await db
            .delete(accountSuspensions)
            .where(
              and(
                eq(accountSuspensions.userId, userId),
                eq(accountSuspensions.organisationId, organisationId),
              ),
            )
            .returning();
      return changed.length > 0;
    },

    /** Invites the account to the organisation, in place of any invitation there was before. */
    async invite(invitation: Omit<Invitation, 'id' | 'createdAt'>): Promise<Invitation> {
      return db.transaction(async (tx) => {
        await tx
          .delete(accountInvitations)
          .where(
            and(
              eq(accountInvitations.organisationId, invitation.organisationId),
              eq(accountInvitations.userId, invitation.userId),
            ),
          );
        const [row] = await tx.insert(accountInvitations).values(invitation).returning();
        if (!row) throw new Error('The invitation was not created');
        return asInvitation(row);
      });
    },

    /** The invitations waiting for the account's answer (not yet expired), oldest first. */
    async invitationsFor(userId: number) {
      const rows = await db
        .select({ invitation: accountInvitations, organisationName: organisations.name })
        .from(accountInvitations)
        .innerJoin(organisations, eq(organisations.id, accountInvitations.organisationId))
        .where(and(eq(accountInvitations.userId, userId), gt(accountInvitations.expiresAt, sql`now()`)))
        .orderBy(asc(accountInvitations.createdAt), asc(accountInvitations.id));
      return rows.map((r) => ({ ...asInvitation(r.invitation), organisationName: r.organisationName }));
    },

    /** The organisation's invitations not yet answered, expired ones included, newest first. */
    async invitationsOf(organisationId: number) {
      const rows = await db
        .select({
          invitation: accountInvitations,
          expired: sql<boolean>`${accountInvitations.expiresAt} <= now()`,
        })
        .from(accountInvitations)
        .where(eq(accountInvitations.organisationId, organisationId))
        .orderBy(sql`${accountInvitations.createdAt} desc`, sql`${accountInvitations.id} desc`);
      return rows.map((r) => ({ ...asInvitation(r.invitation), expired: r.expired }));
    },

    /**
     * Takes the account's invitation out of the waiting list, if it is theirs (and, for
     * `{ current: true }`, not expired): the invitation taken, or null.
     */
    async takeInvitation(
      invitationId: number,
      where: { userId: number; current: boolean } | { organisationId: number },
    ): Promise<Invitation | null> {
      const [row] = await db
        .delete(accountInvitations)
        .where(
          and(
            eq(accountInvitations.id, invitationId),
            'userId' in where
              ? and(
                  eq(accountInvitations.userId, where.userId),
                  where.current ? gt(accountInvitations.expiresAt, sql`now()`) : undefined,
                )
              : eq(accountInvitations.organisationId, where.organisationId),
          ),
        )
        .returning();
      return row ? asInvitation(row) : null;
    },

    /** Every role the account holds, in every organisation. */
    async grantsOf(userId: number): Promise<Grant[]> {
      const rows = await db
        .select({ organisationId: roleGrants.organisationId, role: roleGrants.role })
        .from(roleGrants)
        .where(eq(roleGrants.userId, userId));
      return rows.filter((g): g is Grant => isRole(g.role));
    },
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;

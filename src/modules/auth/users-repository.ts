import { and, eq, inArray, sql } from 'drizzle-orm';
import { textArray } from '../../db/array-parameters.ts';
import { type Db } from '../../db/database.ts';
import { organisations, people, roleGrants, users } from '../../db/schema.ts';
import { isRole, ROLES, type Grant, type Role } from '../../domain/roles.ts';
import type { OrganisationRecord, Principal } from '../../web/types.ts';

/** User accounts and their role grants: the only code that queries those tables. */
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
     * or null if disabled or gone; and the organisation named by `organisationSlug`, if there is
     * one, as on record: one statement, as it runs on every request of a signed-in user.
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
            from ${roleGrants} g where g.user_id = ${users.id}), '[]')`,
          organisations: sql<{ id: number; slug: string; name: string }[]>`coalesce((
            select json_agg(json_build_object('id', o.id, 'slug', o.slug, 'name', o.name) order by o.name)
            from ${organisations} o
            where o.id in (select g.organisation_id from ${roleGrants} g
                           where g.user_id = ${users.id} and g.role = any(${textArray(ROLES)}::text[]))), '[]')`,
          linked: sql<{ organisationId: number; personId: number }[]>`coalesce((
            select json_agg(json_build_object('organisationId', p.organisation_id, 'personId', p.id))
            from ${people} p where p.user_id = ${users.id}), '[]')`,
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
        },
        organisation: user.organisation,
      };
    },

    async create(account: { email: string; displayName: string; passwordHash: string }) {
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

    /** Accounts holding any role in the organisation, with their roles there. */
    async listForOrganisation(organisationId: number) {
      const rows = await db
        .select({
          id: users.id,
          email: users.email,
          displayName: users.displayName,
          disabled: users.disabled,
          role: roleGrants.role,
        })
        .from(roleGrants)
        .innerJoin(users, eq(users.id, roleGrants.userId))
        .where(eq(roleGrants.organisationId, organisationId))
        .orderBy(users.displayName, roleGrants.role);
      const byId = new Map<
        number,
        { id: number; email: string; displayName: string; disabled: boolean; roles: Role[] }
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

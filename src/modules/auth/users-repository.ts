import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { organisations, people, roleGrants, users } from '../../db/schema.ts';
import { isRole, type Grant, type Role } from '../../domain/roles.ts';
import type { Principal } from '../../web/types.ts';

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

    /** The account with its grants and the people it is linked to, or null if disabled or gone. */
    async loadPrincipal(userId: number): Promise<Principal | null> {
      const rows = await db.select().from(users).where(eq(users.id, userId));
      const user = rows[0];
      if (!user || user.disabled) return null;
      const grants = await db
        .select({ organisationId: roleGrants.organisationId, role: roleGrants.role })
        .from(roleGrants)
        .where(eq(roleGrants.userId, userId));
      const linked = await db
        .select({ organisationId: people.organisationId, personId: people.id })
        .from(people)
        .where(eq(people.userId, userId));
      const validGrants = grants.filter((g): g is Grant => isRole(g.role));
      return {
        userId: user.id,
        email: user.email,
        displayName: user.displayName,
        grants: validGrants,
        organisations: await this.organisationsOf([...new Set(validGrants.map((g) => g.organisationId))]),
        personIds: new Map(linked.map((l) => [l.organisationId, l.personId])),
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

    async organisationsOf(organisationIds: readonly number[]) {
      if (organisationIds.length === 0) return [];
      return db
        .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
        .from(organisations)
        .where(inArray(organisations.id, [...organisationIds]))
        .orderBy(organisations.name);
    },
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;

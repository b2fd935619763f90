import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.ts';
import { sites, units } from './people-schema.ts';

export type UnitRecord = typeof units.$inferSelect;
export type SiteRecord = typeof sites.$inferSelect;

/** Units and sites of one organisation: the only code that queries those tables' shape. */
export function structureRepository(db: Db, organisationId: number) {
  return {
    /** Every unit with the people in it today and in it with its sub-units: one query. */
    async unitTree(onDate: string) {
      return queryRows<{
        id: number;
        parent_id: number | null;
        name: string;
        path: string;
        depth: number;
        policy_model: string | null;
        people_here: number;
        people_within: number;
      }>(
        db,
        sql`
        with current_terms as (
          select distinct on (s.person_id) s.person_id, s.unit_id
          from employment_spells s
          join people p on p.organisation_id = s.organisation_id and p.id = s.person_id
          where s.organisation_id = ${organisationId} and s.effective_from <= ${onDate}::date
            and p.start_date <= ${onDate}::date and (p.end_date is null or p.end_date >= ${onDate}::date)
          order by s.person_id, s.effective_from desc
        ),
        here as (select unit_id, count(*)::int as n from current_terms group by unit_id)
        select u.id, u.parent_id, u.name, u.path, u.depth, u.policy_model,
               coalesce(h.n, 0) as people_here,
               coalesce((select sum(h2.n) from units u2 join here h2 on h2.unit_id = u2.id
                         where u2.organisation_id = u.organisation_id
                           and (u2.path = u.path or u2.path like u.path || ' > %')), 0)::int as people_within
        from units u left join here h on h.unit_id = u.id
        where u.organisation_id = ${organisationId}
        order by u.path`,
      );
    },

    /** Every unit, in path order (each after its parent), with the policy it sets, if any. */
    async units() {
      return db
        .select({ id: units.id, parentId: units.parentId, path: units.path, policyModel: units.policyModel })
        .from(units)
        .where(eq(units.organisationId, organisationId))
        .orderBy(asc(units.path));
    },

    async unit(id: number) {
      const rows = await db
        .select()
        .from(units)
        .where(and(eq(units.organisationId, organisationId), eq(units.id, id)));
      return rows[0] ?? null;
    },

    async createUnit(unit: { name: string; parent: UnitRecord | null; policyModel: string | null }) {
      const [row] = await db
        .insert(units)
        .values({
          organisationId,
          name: unit.name,
          parentId: unit.parent?.id ?? null,
          path: unit.parent ? `${unit.parent.path} > ${unit.name}` : unit.name,
          depth: (unit.parent?.depth ?? 0) + 1,
          policyModel: unit.policyModel,
        })
        .returning();
      return row ?? null;
    },

    /**
     * Renames or moves a unit and rewrites the paths and depths of everything below it in one
     * statement.
     */
    async updateUnit(
      unit: UnitRecord,
      changes: { name: string; parent: UnitRecord | null; policyModel: string | null },
    ) {
      const newPath = changes.parent ? `${changes.parent.path} > ${changes.name}` : changes.name;
      const newDepth = (changes.parent?.depth ?? 0) + 1;
      await db.execute(sql`
        update units set
          path = ${newPath} || substr(path, ${unit.path.length + 1}),
          depth = depth + ${newDepth - unit.depth}
        where organisation_id = ${organisationId} and (path = ${unit.path} or path like ${`${unit.path} > %`})`);
      await db
        .update(units)
        .set({ name: changes.name, parentId: changes.parent?.id ?? null, policyModel: changes.policyModel })
        .where(and(eq(units.organisationId, organisationId), eq(units.id, unit.id)));
    },

    async pathTaken(path: string, exceptId: number | null) {
      const rows = await db
        .select({ id: units.id })
        .from(units)
        .where(and(eq(units.organisationId, organisationId), eq(units.path, path)));
      return rows.some((r) => r.id !== exceptId);
    },

    async sites() {
      return db.select().from(sites).where(eq(sites.organisationId, organisationId)).orderBy(asc(sites.name));
    },

    async site(id: number) {
      const rows = await db
        .select()
        .from(sites)
        .where(and(eq(sites.organisationId, organisationId), eq(sites.id, id)));
      return rows[0] ?? null;
    },

    async saveSite(site: { id: number | null; name: string; address: string; postcode: string }) {
      if (site.id === null) {
        await db
          .insert(sites)
          .values({ organisationId, name: site.name, address: site.address, postcode: site.postcode });
      } else {
        await db
          .update(sites)
          .set({ name: site.name, address: site.address, postcode: site.postcode })
          .where(and(eq(sites.organisationId, organisationId), eq(sites.id, site.id)));
      }
    },

    /** Adds several sites in one statement (at least one). */
    async addSites(rows: readonly { name: string; address?: string; postcode?: string }[]) {
      await db.insert(sites).values(rows.map((s) => ({ organisationId, ...s })));
    },

    /** Sets the attendance policy of the unit at this path. */
    async setPolicyModelAt(path: string, policyModel: string) {
      await db.execute(sql`update units set policy_model = ${policyModel}
                       where organisation_id = ${organisationId} and path = ${path}`);
    },
  };
}

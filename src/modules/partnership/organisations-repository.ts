import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { membershipAgreements } from './partnership-schema.ts';
import { organisations, partnerships } from '../../db/schema.ts';

export type OrganisationRecord = typeof organisations.$inferSelect;
export type NewOrganisation = Omit<typeof organisations.$inferInsert, 'id' | 'createdAt' | 'partnershipId'>;
export type AgreementRecord = typeof membershipAgreements.$inferSelect;
export type NewAgreement = Omit<typeof membershipAgreements.$inferInsert, 'id' | 'createdAt'>;

/** The partnership, its organisations and their membership agreements. */
export function organisationsRepository(db: Db) {
  return {
    async partnership() {
      const rows = await db.select().from(partnerships).orderBy(asc(partnerships.id)).limit(1);
      return rows[0] ?? null;
    },

    /**
     * The partnership, created if there is none yet. Two organisations created at the same time
     * (a partnership's first imports side by side) both find none: one creates it, and the other,
     * its insert waiting on the first and then doing nothing, reads it.
     */
    async ensurePartnership(slug: string, name: string) {
      const existing = await this.partnership();
      if (existing) return existing;
      await db.insert(partnerships).values({ slug, name }).onConflictDoNothing({ target: partnerships.slug });
      const created = await this.partnership();
      if (!created) throw new Error('The partnership was not created');
      return created;
    },

    async list() {
      return db.select().from(organisations).orderBy(asc(organisations.name));
    },

    async findBySlug(slug: string) {
      const rows = await db.select().from(organisations).where(eq(organisations.slug, slug));
      return rows[0] ?? null;
    },

    async findById(id: number) {
      const rows = await db.select().from(organisations).where(eq(organisations.id, id));
      return rows[0] ?? null;
    },

    async create(partnershipId: number, organisation: NewOrganisation) {
      const [row] = await db
        .insert(organisations)
        .values({ ...organisation, partnershipId })
        .returning();
      if (!row) throw new Error('The organisation was not created');
      return row;
    },

    async update(id: number, changes: Partial<NewOrganisation>) {
      const [row] = await db.update(organisations).set(changes).where(eq(organisations.id, id)).returning();
      return row ?? null;
    },

    async agreements(organisationId: number) {
      return db
        .select()
        .from(membershipAgreements)
        .where(eq(membershipAgreements.organisationId, organisationId))
        .orderBy(asc(membershipAgreements.startDate));
    },

    async allAgreements() {
      return db.select().from(membershipAgreements).orderBy(asc(membershipAgreements.startDate));
    },

    async updateAgreement(organisationId: number, id: number, changes: Omit<NewAgreement, 'organisationId'>) {
      await db
        .update(membershipAgreements)
        .set(changes)
        .where(and(eq(membershipAgreements.organisationId, organisationId), eq(membershipAgreements.id, id)));
    },

    async addAgreement(agreement: NewAgreement) {
      const [row] = await db.insert(membershipAgreements).values(agreement).returning();
      if (!row) throw new Error('The agreement was not created');
      return row;
    },
  };
}

export type OrganisationsRepository = ReturnType<typeof organisationsRepository>;

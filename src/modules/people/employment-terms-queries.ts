import { and, desc, eq, lte } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { employmentSpells } from './people-schema.ts';

/** A person's employment terms in force on a date: the latest spell begun by then, if any. */
export async function termsInForceOn(db: Db, organisationId: number, personId: number, date: string) {
  const [spell] = await db
    .select()
    .from(employmentSpells)
    .where(
      and(
        eq(employmentSpells.organisationId, organisationId),
        eq(employmentSpells.personId, personId),
        lte(employmentSpells.effectiveFrom, date),
      ),
    )
    .orderBy(desc(employmentSpells.effectiveFrom))
    .limit(1);
  return spell;
}

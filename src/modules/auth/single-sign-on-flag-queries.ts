import { eq } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { singleSignOn } from './auth-schema.ts';

/**
 * Whether the organisation has single sign-on turned on, for other modules to ask (an invitation
 * then leads to signing in with the organisation's account rather than setting a password). Read
 * with the organisation in scope: the table is under row-level security.
 */
export async function singleSignOnEnabled(db: Db, organisationId: number): Promise<boolean> {
  const rows = await db
    .select({ enabled: singleSignOn.enabled })
    .from(singleSignOn)
    .where(eq(singleSignOn.organisationId, organisationId));
  return rows[0]?.enabled ?? false;
}

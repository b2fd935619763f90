/**
 * Query plans on PostgreSQL: runs real work (a report, an import's dry run, a page's queries)
 * on a database whose every statement is recorded, then replays each recorded statement under
 * EXPLAIN (ANALYZE, BUFFERS) as the application role, scoped as it ran, in a transaction that
 * is rolled back, so nothing is written.
 */
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { APPLICATION_ROLE, type Database, type Db, type Scope } from '../src/db/database.ts';

export interface Plan {
  /** What was being done: "report, 12 months by unit". */
  section: string;
  /** The statement, without its parameters (an import's rows travel as one JSON parameter). */
  statement: string;
  executionMs: number | null;
  plan: string;
}

interface Recorded {
  section: string;
  statement: string;
  params: unknown[];
  scope: Scope | null;
}

/** Long array literals (an import's ids or numbers) and long statements, cut to something readable. */
function readable(text: string, limit: number): string {
  const cut = text.replace(
    /'\{([^']{200,})\}'/g,
    (_, inner: string) => `'{${inner.slice(0, 60)}… ${inner.split(',').length} values}'`,
  );
  return cut.length > limit
    ? `${cut.slice(0, limit)}… (${cut.length.toLocaleString('en-GB')} characters)`
    : cut;
}

/** Statements that only set up the transaction, not worth a plan. */
const SETUP = /^\s*(set local role|select set_config|begin|commit|rollback|savepoint|release)/i;

export async function recordingDatabase(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const recorded: Recorded[] = [];
  let section = '';
  let scope: Scope | null = null;
  const system = drizzle(pool, {
    logger: {
      logQuery(statement: string, params: unknown[]) {
        if (section && !SETUP.test(statement)) recorded.push({ section, statement, params, scope });
      },
    },
  }) as unknown as Db;

  const database: Database = {
    kind: 'postgres',
    system,
    // As the application does it (src/db/database.ts): the application role, scoped by a setting.
    scoped: (given, work) =>
      system.transaction(async (tx) => {
        await tx.execute(sql.raw(`SET LOCAL ROLE ${APPLICATION_ROLE}`));
        await tx.execute(
          sql`SELECT set_config('wellwork.organisations', ${given.organisationIds.join(',')}, true)`,
        );
        const outer = scope;
        scope = given;
        try {
          return await work(tx);
        } finally {
          scope = outer;
        }
      }),
    transaction: (work) => system.transaction((tx) => work(tx)),
    migrate: async () => undefined,
    close: () => pool.end(),
  };

  return {
    database,
    /** Records the statements `work` runs under a section name. */
    async during<T>(name: string, work: () => Promise<T>): Promise<T> {
      section = name;
      try {
        return await work();
      } finally {
        section = '';
      }
    },
    /** Replays every recorded statement under EXPLAIN (ANALYZE, BUFFERS), writing nothing. */
    async explainAll(): Promise<Plan[]> {
      const plans: Plan[] = [];
      for (const r of recorded) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          if (r.scope) {
            await client.query(`SET LOCAL ROLE ${APPLICATION_ROLE}`);
            await client.query(`SELECT set_config('wellwork.organisations', $1, true)`, [
              r.scope.organisationIds.join(','),
            ]);
          }
          const result = await client.query<{ 'QUERY PLAN': string }>(
            `EXPLAIN (ANALYZE, BUFFERS) ${r.statement}`,
            r.params,
          );
          const plan = result.rows.map((row) => row['QUERY PLAN']).join('\n');
          const time = /Execution Time: ([\d.]+) ms/.exec(plan);
          plans.push({
            section: r.section,
            statement: readable(r.statement, 3000),
            executionMs: time ? Number(time[1]) : null,
            plan: readable(plan, 20_000),
          });
        } catch (error) {
          plans.push({
            section: r.section,
            statement: readable(r.statement, 3000),
            executionMs: null,
            plan: `(not replayed: ${(error as Error).message})`,
          });
        } finally {
          await client.query('ROLLBACK').catch(() => undefined);
          client.release();
        }
      }
      return plans;
    },
    close: () => pool.end(),
  };
}

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePostgres, NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Config } from '../config.ts';

/**
 * The one query interface used by every repository, on PGlite and PostgreSQL alike. Queries name
 * their tables from the schema file of the module that owns them; none uses Drizzle's
 * relational queries, so the connection needs no schema of its own.
 */
export type Db = PgDatabase<PgQueryResultHKT>;

/**
 * Who a unit of work acts for. Tenant tables refuse rows of any organisation not listed,
 * through row-level security, whatever the query says.
 */
export interface Scope {
  organisationIds: readonly number[];
  /**
   * The organisations whose occupational health casework an OH service acts for (its clients, and
   * itself when it serves its own staff): their OH rows and nothing else of theirs.
   */
  ohOrganisationIds?: readonly number[];
}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /**
   * The owner's connection, bypassing row-level security: for migrations, the command line,
   * sign-in and other work that is not done on behalf of a signed-in person.
   */
  readonly system: Db;
  /** Runs `work` in a transaction as the application role, seeing only the scope's organisations. */
  scoped<T>(scope: Scope, work: (db: Db) => Promise<T>): Promise<T>;
  /** Runs `work` in one transaction with the owner's rights. */
  transaction<T>(work: (db: Db) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
  /** The embedded database's data directory as a tarball (uncompressed unless asked); PGlite only. */
  dumpDataDir?: (compression?: 'none' | 'gzip') => Promise<Blob>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

export const APPLICATION_ROLE = 'wellwork_app';

function organisationList(ids: readonly number[]): string {
  for (const id of ids) {
    if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`Invalid organisation id in scope: ${id}`);
  }
  return ids.join(',');
}

/**
 * The statement that, for the rest of the transaction, acts as the application role for the
 * scope. Its values are checked literals (the role's name, and whole numbers from
 * organisationList), so it can go in one round trip with the `begin` before it.
 */
function actingAs(scope: Scope): string {
  return (
    `select set_config('role', '${APPLICATION_ROLE}', true), ` +
    `set_config('wellwork.organisations', '${organisationList(scope.organisationIds)}', true), ` +
    `set_config('wellwork.oh_organisations', '${organisationList(scope.ohOrganisationIds ?? [])}', true)`
  );
}

const dialect = new PgDialect();

/**
 * Drizzle's own transaction on a pooled connection that is already inside one: what Drizzle's
 * `transaction` gives its callback, without the `begin` it would send as a round trip of its own.
 */
const transactionOn = (client: pg.PoolClient): Db =>
  new NodePgTransaction(dialect, new NodePgSession(client, dialect, undefined), undefined) as unknown as Db;

export interface OpenOptions {
  /**
   * For an in-memory embedded database: the data directory to start from, as made by PGlite's
   * `dumpDataDir` (the tests start each file from one migrated copy).
   */
  pgliteDataDir?: Blob;
}

export async function openDatabase(config: Config['database'], options: OpenOptions = {}): Promise<Database> {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: 10 });
    const system = drizzlePostgres(pool) as unknown as Db;
    return {
      kind: 'postgres',
      system,
      scoped: async (scope, work) => {
        // One round trip begins the transaction and takes on the scope: on a busy server each
        // round trip costs the process more than the statement costs the database.
        const begin = `begin; ${actingAs(scope)}`;
        const client = await pool.connect();
        let broken = false;
        try {
          await client.query(begin);
          const result = await work(transactionOn(client));
          await client.query('commit');
          return result;
        } catch (error) {
          // A connection that cannot even roll back is closed rather than handed to the next request.
          await client.query('rollback').catch(() => (broken = true));
          throw error;
        } finally {
          client.release(broken);
        }
      },
      transaction: (work) => system.transaction((tx) => work(tx)),
      // Several processes may start on one database at once (a deployment's instances, the test
      // suite's files): one migrates while the others wait, then find nothing left to do.
      migrate: async () => {
        const client = await pool.connect();
        try {
          await client.query('select pg_advisory_lock(8300)');
          await migratePostgres(drizzlePostgres(client), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock(8300)').catch(() => undefined);
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  // The embedded database is loaded only when it is used: a process on PostgreSQL (the command
  // line's imports above all) starts without it.
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  if (config.dataDir) mkdirSync(path.resolve(config.dataDir), { recursive: true });
  const client = config.dataDir
    ? new PGlite(path.resolve(config.dataDir, 'pglite'))
    : new PGlite(options.pgliteDataDir ? { loadDataDir: options.pgliteDataDir } : {});
  await client.waitReady;
  const system = drizzlePglite(client) as unknown as Db;
  return {
    kind: 'pglite',
    system,
    scoped: (scope, work) =>
      system.transaction(async (tx) => {
        await tx.execute(sql.raw(actingAs(scope)));
        return work(tx);
      }),
    transaction: (work) => system.transaction((tx) => work(tx)),
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    dumpDataDir: (compression = 'none') => client.dumpDataDir(compression),
    close: () => client.close(),
  };
}

/** Runs raw SQL (for analytic queries) and returns its rows, typed by the caller. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

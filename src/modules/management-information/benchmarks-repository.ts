import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { organisationBenchmarks } from './management-information-schema.ts';
import { BENCHMARK_MEASURES, type BenchmarkMeasure } from '../../reference/national-benchmarks.ts';

export function isBenchmarkMeasure(value: string): value is BenchmarkMeasure {
  return Object.hasOwn(BENCHMARK_MEASURES, value);
}

export interface OwnBenchmark {
  id: number;
  name: string;
  measure: BenchmarkMeasure;
  value: number;
  period: string;
  source: string;
}

/** The organisation's own benchmarks: the only code that reads or writes them. */
export function benchmarksRepository(db: Db, organisationId: number) {
  const ours = eq(organisationBenchmarks.organisationId, organisationId);
  const asOwn = (row: typeof organisationBenchmarks.$inferSelect): OwnBenchmark[] =>
    isBenchmarkMeasure(row.measure)
      ? [
          {
            id: row.id,
            name: row.name,
            measure: row.measure,
            value: row.value,
            period: row.period,
            source: row.source,
          },
        ]
      : [];
  return {
    async list(): Promise<OwnBenchmark[]> {
      const rows = await db
        .select()
        .from(organisationBenchmarks)
        .where(ours)
        .orderBy(asc(organisationBenchmarks.name), asc(organisationBenchmarks.id));
      return rows.flatMap(asOwn);
    },

    async add(values: Omit<OwnBenchmark, 'id'>, userId: number | null): Promise<number> {
      const [row] = await db
        .insert(organisationBenchmarks)
        .values({ organisationId, ...values, createdByUserId: userId })
        .returning({ id: organisationBenchmarks.id });
      if (!row) throw new Error('The benchmark was not saved');
      return row.id;
    },

    /** Removes one; the removed benchmark, or null when the organisation has none by that id. */
    async remove(id: number): Promise<OwnBenchmark | null> {
      const rows = await db
        .delete(organisationBenchmarks)
        .where(and(ours, eq(organisationBenchmarks.id, id)))
        .returning();
      return rows.flatMap(asOwn)[0] ?? null;
    },
  };
}

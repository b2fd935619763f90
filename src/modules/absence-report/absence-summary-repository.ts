import { eq, sql } from 'drizzle-orm';
import { queryRows, type Database, type Db } from '../../db/database.ts';
import { organisations } from '../../db/schema.ts';
import { refreshStatistics } from '../../db/statistics.ts';
import { BankHolidayCalendar, type ReportGrouping } from '../../domain/absence-report.ts';
import {
  emptySummary,
  lastDayOfMonth,
  monthOf,
  summariseMonths,
  type AvailableCell,
  type OpenEpisode,
  type SicknessCell,
  type SummaryCells,
  type SummaryReportInput,
} from '../../domain/absence-summary.ts';
import { addDays, earlierOf } from '../../domain/dates.ts';
import { loadReportInputs } from './report-queries.ts';
import { absencesOf } from '../absences/absences-sources-queries.ts';
import { employmentTermsOf, peopleOf, unitsOf } from '../people/people-sources-queries.ts';
import { bankHolidaysFingerprint } from '../calendar/bank-holidays-repository.ts';

/** People are summarised this many at a time, to keep memory flat however large the organisation. */
const BATCH_PEOPLE = 5_000;
/** Cells per insert statement: they travel as one JSON parameter, so the bound is memory. */
const INSERT_ROWS = 20_000;

export interface SummaryOrganisation {
  id: number;
  slug: string;
  region: string;
  fullTimeHours: number;
  onCostRate: number;
}

const intArray = (ids: Iterable<number>) => `{${[...ids].join(',')}}`;

/**
 * Builds the summary again for some units (or all) over some months: removes their cells, then
 * sums the months again for everyone who has ever worked in those units, a batch at a time.
 */
async function rebuild(
  db: Db,
  organisation: SummaryOrganisation,
  firstMonth: string,
  lastMonth: string,
  unitIds: ReadonlySet<number> | 'all',
) {
  const from = firstMonth;
  const to = lastDayOfMonth(lastMonth);
  const units = unitIds === 'all' ? null : intArray(unitIds);
  for (const table of ['absence_summary_available', 'absence_summary_sickness']) {
    await db.execute(
      sql`delete from ${sql.identifier(table)} where organisation_id = ${organisation.id}
          and month between ${firstMonth}::date and ${lastMonth}::date
          and (${units}::int[] is null or unit_id = any(${units}::int[]))`,
    );
  }
  const people = await queryRows<{ id: number }>(
    db,
    sql`select p.id from ${peopleOf(organisation.id)} p
        where p.organisation_id = ${organisation.id}
          and p.start_date <= ${to}::date and (p.end_date is null or p.end_date >= ${from}::date)
          and (${units}::int[] is null or exists (
            select 1 from ${employmentTermsOf(organisation.id)} s
            where s.organisation_id = p.organisation_id and s.person_id = p.id and s.unit_id = any(${units}::int[])))
        order by p.id`,
  );
  const include = unitIds === 'all' ? undefined : (unitId: number) => unitIds.has(unitId);
  const batches: number[][] = [];
  for (let i = 0; i < people.length; i += BATCH_PEOPLE) {
    batches.push(people.slice(i, i + BATCH_PEOPLE).map((p) => p.id));
  }
  // While a batch is summed here, the database loads the next and writes the one before: the
  // connection takes one statement at a time, in the order they are sent.
  const load = (batch: number[] | undefined) =>
    batch === undefined ? null : handled(loadReportInputs(db, organisation, from, to, batch));
  let next = load(batches[0]);
  let writing: Promise<void> = Promise.resolve();
  for (let b = 0; next !== null; b++) {
    const inputs = await next;
    next = load(batches[b + 1]);
    const summary = emptySummary();
    summariseMonths(summary, {
      employees: inputs.employees,
      sicknesses: inputs.sicknesses,
      firstMonth,
      lastMonth,
      bankHolidays: new BankHolidayCalendar(inputs.bankHolidays),
      includeUnit: include,
    });
    await writing;
    writing = handled(
      addCells(db, organisation.id, [...summary.available.values()], [...summary.sickness.values()]),
    );
  }
  await writing;
}

/**
 * Marks a promise that will be awaited later as handled now, so that its failure while other work
 * is awaited is not taken for an unhandled rejection; awaiting it still throws.
 */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * Adds cells to the summary, summing into any cell already there (batches share cells): one
 * statement per chunk, its cells passed as one JSON parameter of arrays.
 */
async function addCells(
  db: Db,
  organisationId: number,
  available: readonly AvailableCell[],
  sickness: readonly SicknessCell[],
) {
  for (let i = 0; i < available.length; i += INSERT_ROWS) {
    const cells = JSON.stringify(
      available
        .slice(i, i + INSERT_ROWS)
        .map((c) => [c.month, c.unitId, c.staffGroup, c.hoursAvailable, c.weeklyHourDays]),
    );
    await db.execute(sql`
      insert into absence_summary_available
        (organisation_id, month, unit_id, staff_group, hours_available, weekly_hour_days)
      select ${organisationId}, (c->>0)::date, (c->>1)::int, c->>2, (c->>3)::float8, (c->>4)::float8
      from json_array_elements(${cells}::json) c
      on conflict (organisation_id, month, unit_id, staff_group) do update set
        hours_available = absence_summary_available.hours_available + excluded.hours_available,
        weekly_hour_days = absence_summary_available.weekly_hour_days + excluded.weekly_hour_days`);
  }
  for (let i = 0; i < sickness.length; i += INSERT_ROWS) {
    const cells = JSON.stringify(
      sickness
        .slice(i, i + INSERT_ROWS)
        .map((c) => [
          c.month,
          c.unitId,
          c.staffGroup,
          c.reasonCode,
          c.hoursLost,
          c.weeklyHourDaysLost,
          c.costBase,
          c.episodes,
          c.longTermEpisodes,
        ]),
    );
    await db.execute(sql`
      insert into absence_summary_sickness
        (organisation_id, month, unit_id, staff_group, reason_code, hours_lost, weekly_hour_days_lost,
         cost_base, episodes, long_term_episodes)
      select ${organisationId}, (c->>0)::date, (c->>1)::int, c->>2, c->>3, (c->>4)::float8, (c->>5)::float8,
             (c->>6)::float8, (c->>7)::int, (c->>8)::int
      from json_array_elements(${cells}::json) c
      on conflict (organisation_id, month, unit_id, staff_group, reason_code) do update set
        hours_lost = absence_summary_sickness.hours_lost + excluded.hours_lost,
        weekly_hour_days_lost = absence_summary_sickness.weekly_hour_days_lost + excluded.weekly_hour_days_lost,
        cost_base = absence_summary_sickness.cost_base + excluded.cost_base,
        episodes = absence_summary_sickness.episodes + excluded.episodes,
        long_term_episodes = absence_summary_sickness.long_term_episodes + excluded.long_term_episodes`);
  }
}

/**
 * Brings the organisation's summary up to date, to the end of the month of `today`: built in
 * full the first time (or when its region's bank holidays have changed), extended a month at a
 * time as months begin, and rebuilt for the units and months of every change the triggers noted.
 * It holds the months from the organisation's first sickness — before it no hours are lost, and a
 * workforce's records often reach back decades — or from `from`, when a report asks for earlier
 * months; those are then added, for every unit, and kept.
 * One at a time per organisation; in the caller's transaction, so a report never sees it half
 * done. When there is nothing to do — the usual case for a report — it takes no lock, so reports
 * read side by side: every change commits with its pending row, and every rebuild with the
 * deletion of the rows it worked off, so a summary with no rows pending is exact as it stands.
 */
export async function bringSummaryUpToDate(
  db: Db,
  organisation: SummaryOrganisation,
  today: string,
  from: string | null = null,
): Promise<SummaryOutcome> {
  return (await summaryUpToDate(db, organisation, today, from === null ? null : monthOf(from))).outcome;
}

type SummaryOutcome = 'as it was' | 'brought up to date' | 'built';

/** The date of the organisation's earliest recorded sickness; null when it has none. */
export async function firstSicknessDate(db: Db, organisationId: number): Promise<string | null> {
  const [earliest] = await queryRows<{ first: string | null }>(
    db,
    sql`select min(a.start_date)::text as first from ${absencesOf(organisationId)} a where a.type = 'sickness'`,
  );
  return earliest?.first ?? null;
}

/** The month of the organisation's earliest sickness, or of `today` if it has none before then. */
async function firstSicknessMonth(db: Db, organisationId: number, today: string): Promise<string> {
  const first = await firstSicknessDate(db, organisationId);
  return monthOf(first && first < today ? first : today);
}

const monthBefore = (month: string) => monthOf(addDays(month, -1));

/**
 * The version of the organisation's figures once its summary is up to date: it goes up with every
 * change the summary is brought up to date with, with every rebuild, and with every change to the
 * organisation's units (a trigger), so that figures kept under it are exact while it stands. In
 * the usual case, nothing to bring up to date, this is one read.
 */
export async function figuresVersion(
  database: Database,
  organisation: SummaryOrganisation,
  today: string,
): Promise<number> {
  const state = await summaryState(database.system, organisation, today);
  if (state.upToDate) return state.version;
  return database.scoped(
    { organisationIds: [organisation.id] },
    async (db) => (await summaryUpToDate(db, organisation, today)).version,
  );
}

/** Whether the summary is up to date (nothing pending, built to this month, same bank holidays). */
async function summaryState(
  db: Db,
  organisation: SummaryOrganisation,
  today: string,
  wanted: string | null = null,
): Promise<{ upToDate: boolean; calendar: string; version: number }> {
  const [state] = await queryRows<{
    calendar: string;
    pending: boolean;
    first_month: string | null;
    last_month: string | null;
    built_calendar: string | null;
    version: string | null;
  }>(
    db,
    sql`select ${bankHolidaysFingerprint(organisation.region)} as calendar,
               exists (select 1 from absence_summary_pending where organisation_id = ${organisation.id}) as pending,
               c.first_month::text, c.last_month::text, c.calendar as built_calendar, c.version::text
        from (select 1) one
        left join absence_summary_coverage c on c.organisation_id = ${organisation.id}`,
  );
  const calendar = state?.calendar ?? organisation.region;
  const upToDate =
    state !== undefined &&
    !state.pending &&
    state.built_calendar === calendar &&
    state.last_month !== null &&
    state.last_month >= monthOf(today) &&
    (wanted === null || (state.first_month !== null && state.first_month <= wanted));
  return { upToDate, calendar, version: Number(state?.version ?? 0) };
}

async function summaryUpToDate(
  db: Db,
  organisation: SummaryOrganisation,
  today: string,
  wanted: string | null = null,
): Promise<{ outcome: SummaryOutcome; version: number }> {
  const targetLast = monthOf(today);
  const state = await summaryState(db, organisation, today, wanted);
  if (state.upToDate) return { outcome: 'as it was', version: state.version };
  const calendar = state.calendar;

  await db.execute(sql`select pg_advisory_xact_lock(8301, ${organisation.id})`);
  const [coverage] = await queryRows<{ first_month: string; last_month: string; calendar: string }>(
    db,
    sql`select first_month::text, last_month::text, calendar from absence_summary_coverage
        where organisation_id = ${organisation.id}`,
  );
  const pending = await queryRows<{ person_id: number; from_date: string; unit_id: number | null }>(
    db,
    sql`delete from absence_summary_pending where organisation_id = ${organisation.id}
        returning person_id, from_date::text, unit_id`,
  );

  if (!coverage || coverage.calendar !== calendar) {
    const firstMonth = earlierOf(await firstSicknessMonth(db, organisation.id, today), wanted ?? targetLast);
    await rebuild(db, organisation, firstMonth, targetLast, 'all');
    const version = await saveCoverage(db, organisation.id, firstMonth, targetLast, calendar);
    return { outcome: 'built', version };
  }

  const { first_month: firstMonth } = coverage;
  let lastMonth = coverage.last_month;
  if (lastMonth < targetLast) {
    const next = addDays(lastDayOfMonth(lastMonth), 1);
    await rebuild(db, organisation, next, targetLast, 'all');
    lastMonth = targetLast;
  }
  const pendingFrom =
    pending.length === 0
      ? null
      : monthOf(pending.reduce((min, p) => earlierOf(min, p.from_date), pending[0]?.from_date ?? today));
  // Months before the summary's first are added, for every unit, when a report asks for them or
  // sickness is recorded in them; changes there of any other kind move nothing the summary holds.
  let earliest = wanted !== null && wanted < firstMonth ? wanted : firstMonth;
  if (pendingFrom !== null && pendingFrom < firstMonth)
    earliest = earlierOf(earliest, await firstSicknessMonth(db, organisation.id, today));
  if (earliest < firstMonth) await rebuild(db, organisation, earliest, monthBefore(firstMonth), 'all');
  if (pendingFrom !== null) {
    // The months added above are whole already; from the old first month, the units touched.
    const fromMonth = pendingFrom < firstMonth ? firstMonth : pendingFrom;
    if (fromMonth <= lastMonth) {
      const persons = [...new Set(pending.map((p) => p.person_id))];
      const units = new Set(pending.flatMap((p) => (p.unit_id === null ? [] : [p.unit_id])));
      const current = await queryRows<{ unit_id: number }>(
        db,
        sql`select distinct s.unit_id from ${employmentTermsOf(organisation.id)} s
            where s.person_id = any(${intArray(persons)}::int[])`,
      );
      for (const row of current) units.add(row.unit_id);
      if (units.size > 0) await rebuild(db, organisation, fromMonth, lastMonth, units);
    }
  }
  const version = await saveCoverage(db, organisation.id, earliest, lastMonth, calendar);
  return { outcome: 'brought up to date', version };
}

/** Writes what the summary covers and moves its version on; returns the new version. */
async function saveCoverage(
  db: Db,
  organisationId: number,
  firstMonth: string,
  lastMonth: string,
  calendar: string,
): Promise<number> {
  const [row] = await queryRows<{ version: string }>(
    db,
    sql`insert into absence_summary_coverage (organisation_id, first_month, last_month, calendar, version)
        values (${organisationId}, ${firstMonth}::date, ${lastMonth}::date, ${calendar}, 1)
        on conflict (organisation_id) do update
        set first_month = excluded.first_month, last_month = excluded.last_month, calendar = excluded.calendar,
            version = absence_summary_coverage.version + 1
        returning version::text`,
  );
  return Number(row?.version);
}

export interface SummaryReportParameters {
  from: string;
  to: string;
  method: 'hours' | 'calendar';
  unit?: string | undefined;
  staffGroup?: string | undefined;
  reason?: string | undefined;
}

/**
 * The summary's cells for a period of whole months no later than the month it is kept to, for
 * each grouping asked for: added up in the database to one per unit and staff group (and month,
 * by month) as far as the grouping allows, with the open episodes as they are, and what
 * `reportFromSummary` and `sumSummary` need to finish them. The units and the open episodes,
 * the same for every grouping, are read once. The summary must be up to date for the period.
 */
export async function summaryCellsFor(
  db: Db,
  organisation: SummaryOrganisation,
  parameters: SummaryReportParameters,
  groupings: readonly ReportGrouping[],
): Promise<Map<ReportGrouping, { cells: SummaryCells; input: SummaryReportInput }>> {
  const unitRows = await queryRows<{ id: number; path: string }>(
    db,
    sql`select u.id, u.path from ${unitsOf(organisation.id)} u`,
  );
  const unitPaths = new Map(unitRows.map((u) => [u.id, u.path]));
  const unitIds = parameters.unit
    ? new Set(
        unitRows
          .filter((u) => u.path === parameters.unit || u.path.startsWith(`${parameters.unit} > `))
          .map((u) => u.id),
      )
    : null;
  const units = unitIds === null ? null : intArray(unitIds);
  const staffGroup = parameters.staffGroup ?? null;
  const reason = parameters.reason ?? null;
  const openEpisodes = await queryRows<OpenEpisode>(
    db,
    sql`select a.start_date::text as "startDate", coalesce(a.reason_code, 'S99') as "reasonCode",
               s.unit_id as "unitId", coalesce(s.staff_group, '') as "staffGroup"
        from ${absencesOf(organisation.id)} a
        join ${peopleOf(organisation.id)} p on p.organisation_id = a.organisation_id and p.id = a.person_id
          and p.start_date <= a.start_date and (p.end_date is null or p.end_date >= a.start_date)
        join lateral (
          select s.unit_id, s.staff_group from ${employmentTermsOf(organisation.id)} s
          where s.organisation_id = a.organisation_id and s.person_id = a.person_id and s.effective_from <= a.start_date
          order by s.effective_from desc limit 1
        ) s on true
        where a.organisation_id = ${organisation.id} and a.type = 'sickness' and a.end_date is null
          and a.start_date between ${parameters.from}::date and ${parameters.to}::date`,
  );
  const where = sql`organisation_id = ${organisation.id}
    and month between ${parameters.from}::date and ${monthOf(parameters.to)}::date
    and (${units}::int[] is null or unit_id = any(${units}::int[]))
    and (${staffGroup}::text is null or staff_group = ${staffGroup}::text)`;
  const byGrouping = new Map<ReportGrouping, { cells: SummaryCells; input: SummaryReportInput }>();
  for (const by of groupings) {
    // Only what the grouping tells apart is grouped by; the rest is summed in the database, each
    // cell standing for all it sums under a unit, staff group and reason the filters accept.
    const byMonth = by === 'month';
    const month = byMonth ? sql`month::text` : sql`${parameters.from}::text`;
    const byUnit = by === 'unit' || by === 'directorate';
    const unitColumn = byUnit ? sql`unit_id` : sql`min(unit_id)`;
    const staffGroupColumn = by === 'staff-group' ? sql`staff_group` : sql`min(staff_group)`;
    const reasonColumn = by === 'reason' ? sql`reason_code` : sql`min(reason_code)`;
    const grouped = (extra: 'reason' | null) => {
      const keys = [
        ...(byMonth ? [sql`month`] : []),
        ...(byUnit ? [sql`unit_id`] : []),
        ...(by === 'staff-group' ? [sql`staff_group`] : []),
        ...(extra && by === 'reason' ? [sql`reason_code`] : []),
      ];
      // With nothing to group by, no cells must give no row rather than one of nulls.
      return keys.length > 0 ? sql`group by ${sql.join(keys, sql`, `)}` : sql`having count(*) > 0`;
    };
    const available = await queryRows<AvailableCell>(
      db,
      sql`select ${month} as month, ${unitColumn} as "unitId", ${staffGroupColumn} as "staffGroup",
                 sum(hours_available)::float8 as "hoursAvailable", sum(weekly_hour_days)::float8 as "weeklyHourDays"
          from absence_summary_available where ${where}
          ${grouped(null)}`,
    );
    const sickness = await queryRows<SicknessCell>(
      db,
      sql`select ${month} as month, ${unitColumn} as "unitId", ${staffGroupColumn} as "staffGroup",
                 ${reasonColumn} as "reasonCode",
                 sum(hours_lost)::float8 as "hoursLost", sum(weekly_hour_days_lost)::float8 as "weeklyHourDaysLost",
                 sum(cost_base)::float8 as "costBase", sum(episodes)::int as episodes,
                 sum(long_term_episodes)::int as "longTermEpisodes"
          from absence_summary_sickness
          where ${where} and (${reason}::text is null or reason_code = ${reason}::text)
          ${grouped('reason')}`,
    );
    byGrouping.set(by, {
      cells: { available, sickness, openEpisodes },
      input: {
        organisationSlug: organisation.slug,
        fullTimeHours: organisation.fullTimeHours,
        onCostRate: organisation.onCostRate,
        from: parameters.from,
        to: parameters.to,
        groupBy: by,
        method: parameters.method,
        unitPaths,
        unitIds,
        staffGroup,
        reasonCode: reason,
      },
    });
  }
  return byGrouping;
}

/**
 * Brings an organisation's summary up to date after a large change such as an import, so that
 * the next report reads it at once rather than doing the work itself.
 */
export async function refreshSummaryAfterImport(
  database: Database,
  organisationId: number,
  today: string,
  options: { onlyIfBuilt?: boolean } = {},
) {
  const outcome = await database.scoped({ organisationIds: [organisationId] }, async (db) => {
    if (options.onlyIfBuilt) {
      const built = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from absence_summary_coverage where organisation_id = ${organisationId}`,
      );
      if ((built[0]?.n ?? 0) === 0) return 'as it was';
    }
    const [organisation] = await db
      .select({
        id: organisations.id,
        slug: organisations.slug,
        region: organisations.region,
        fullTimeHours: organisations.fullTimeHours,
        onCostRate: organisations.onCostRate,
      })
      .from(organisations)
      .where(eq(organisations.id, organisationId));
    return organisation ? bringSummaryUpToDate(db, organisation, today) : 'as it was';
  });
  if (outcome === 'built') await refreshStatistics(database, SUMMARY_TABLES);
}

/** The summary's tables of figures, whose statistics are refreshed when it is built. */
export const SUMMARY_TABLES = ['absence_summary_available', 'absence_summary_sickness'] as const;

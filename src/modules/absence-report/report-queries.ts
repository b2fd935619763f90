import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.ts';
import type { ReportEmployee, ReportSickness } from '../../domain/absence-report.ts';
import { employmentTermsOf, peopleOf, unitsOf } from '../people/people-sources-queries.ts';
import { absencesOf } from '../absences/absences-sources-queries.ts';
import { bankHolidayDatesBetween } from '../calendar/bank-holidays-repository.ts';

/**
 * The inputs of the absence report, in set-based queries: everyone employed at some time in the
 * period with their employment terms (and, for everyone, the organisation's units), the sickness
 * absences touching the period, and the region's bank holidays. No query per person.
 */
export async function loadReportInputs(
  db: Db,
  organisation: { id: number; region: string },
  from: string,
  to: string,
  /** One person, or some people, rather than everyone. */
  onlyPersons: number | readonly number[] | null = null,
  /**
   * Parts of the period: only the people employed, and the sickness, in one of them (the part
   * months of a report whose whole months come from the summary).
   */
  within: readonly { from: string; to: string }[] | null = null,
): Promise<{ employees: ReportEmployee[]; sicknesses: ReportSickness[]; bankHolidays: string[] }> {
  const touching = (start: SQL, end: SQL) =>
    sql.join(
      (within ?? [{ from, to }]).map(
        (part) => sql`(${start} <= ${part.to}::date and (${end} is null or ${end} >= ${part.from}::date))`,
      ),
      sql` or `,
    );
  const people =
    onlyPersons === null
      ? null
      : `{${(typeof onlyPersons === 'number' ? [onlyPersons] : onlyPersons).join(',')}}`;
  const spellRows = await queryRows<{
    person_id: number;
    start_date: string;
    end_date: string | null;
    effective_from: string;
    unit_id: number;
    unit_path: string | null;
    staff_group: string | null;
    weekly_hours: number;
    hours_mon: number;
    hours_tue: number;
    hours_wed: number;
    hours_thu: number;
    hours_fri: number;
    hours_sat: number;
    hours_sun: number;
    works_bank_holidays: boolean;
    annual_salary: number | null;
  }>(
    db,
    sql`
    select p.id as person_id, p.start_date::text, p.end_date::text, s.effective_from::text, s.unit_id,
           case when ${people}::int[] is null then null else u.path end as unit_path,
           s.staff_group, s.weekly_hours, s.hours_mon, s.hours_tue, s.hours_wed, s.hours_thu, s.hours_fri,
           s.hours_sat, s.hours_sun, s.works_bank_holidays, s.annual_salary
    from ${peopleOf(organisation.id)} p
    join ${employmentTermsOf(organisation.id)} s on s.organisation_id = p.organisation_id and s.person_id = p.id
    join ${unitsOf(organisation.id)} u on u.organisation_id = s.organisation_id and u.id = s.unit_id
    where p.organisation_id = ${organisation.id}
      and (${people}::int[] is null or p.id = any(${people}::int[]))
      and (${touching(sql`p.start_date`, sql`p.end_date`)})
      and s.effective_from <= ${to}::date
    order by p.id, s.effective_from`,
  );
  // For everyone, each unit's path is read once rather than on each of tens of thousands of rows;
  // for some people, with their terms.
  const unitPaths =
    people === null
      ? new Map(
          (
            await queryRows<{ id: number; path: string }>(
              db,
              sql`select id, path from ${unitsOf(organisation.id)} u`,
            )
          ).map((u) => [u.id, u.path]),
        )
      : null;
  const employees: ReportEmployee[] = [];
  let current: {
    personId: number;
    startDate: string;
    endDate: string | null;
    spells: ReportEmployee['spells'][number][];
  } | null = null;
  for (const row of spellRows) {
    if (!current || current.personId !== row.person_id) {
      current = { personId: row.person_id, startDate: row.start_date, endDate: row.end_date, spells: [] };
      employees.push(current);
    }
    current.spells.push({
      from: row.effective_from,
      unitId: row.unit_id,
      unitPath: row.unit_path ?? unitPaths?.get(row.unit_id) ?? '',
      staffGroup: row.staff_group,
      weeklyHours: row.weekly_hours,
      hours: [
        row.hours_mon,
        row.hours_tue,
        row.hours_wed,
        row.hours_thu,
        row.hours_fri,
        row.hours_sat,
        row.hours_sun,
      ],
      worksBankHolidays: row.works_bank_holidays,
      annualSalary: row.annual_salary,
    });
  }

  const sicknessRows = await queryRows<{
    person_id: number;
    start_date: string;
    end_date: string | null;
    reason_code: string | null;
    first_day_hours: number | null;
  }>(
    db,
    sql`
    select a.person_id, a.start_date::text, a.end_date::text, a.reason_code, a.first_day_hours
    from ${absencesOf(organisation.id)} a
    where a.organisation_id = ${organisation.id} and a.type = 'sickness'
      and (${people}::int[] is null or a.person_id = any(${people}::int[]))
      and (${touching(sql`a.start_date`, sql`a.end_date`)})`,
  );
  const bankHolidays = await bankHolidayDatesBetween(db, organisation.region, from, to);
  return {
    employees,
    sicknesses: sicknessRows.map((r) => ({
      personId: r.person_id,
      startDate: r.start_date,
      endDate: r.end_date,
      reasonCode: r.reason_code ?? 'S99',
      firstDayHours: r.first_day_hours,
    })),
    bankHolidays,
  };
}

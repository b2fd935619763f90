import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { intArray, textArray } from '../../db/array-parameters.ts';
import { queryRows, type Db } from '../../db/database.ts';
import { employmentSpells, people, sites, units } from './people-schema.ts';

export type PersonRecord = typeof people.$inferSelect;
export type EmploymentSpellRecord = typeof employmentSpells.$inferSelect;
export type NewEmploymentSpell = Omit<typeof employmentSpells.$inferInsert, 'id' | 'createdAt'>;

/** A person's details as an import sets them. */
export type PersonDetails = Pick<
  PersonRecord,
  'id' | 'firstName' | 'lastName' | 'email' | 'jobTitle' | 'startDate' | 'endDate'
>;

/** The terms of an employment spell as an import sets them (everything but the site). */
/** The terms of employment a spell sets, beside when it takes effect. */
export type TermsField =
  | 'unitId'
  | 'managerPersonId'
  | 'staffGroup'
  | 'weeklyHours'
  | 'hoursMon'
  | 'hoursTue'
  | 'hoursWed'
  | 'hoursThu'
  | 'hoursFri'
  | 'hoursSat'
  | 'hoursSun'
  | 'worksBankHolidays'
  | 'annualSalary';

export type SpellTerms = Pick<EmploymentSpellRecord, 'id' | 'effectiveFrom' | TermsField>;

/** A spell's terms as the JSON record the bulk statements read, in the columns of `TERMS_RECORD`. */
function termsRecord(r: Pick<NewEmploymentSpell, TermsField>) {
  return {
    unit_id: r.unitId,
    manager_person_id: r.managerPersonId ?? null,
    staff_group: r.staffGroup ?? null,
    weekly_hours: r.weeklyHours,
    hours_mon: r.hoursMon,
    hours_tue: r.hoursTue,
    hours_wed: r.hoursWed,
    hours_thu: r.hoursThu,
    hours_fri: r.hoursFri,
    hours_sat: r.hoursSat,
    hours_sun: r.hoursSun,
    works_bank_holidays: r.worksBankHolidays ?? false,
    annual_salary: r.annualSalary ?? null,
  };
}

/** The columns of `termsRecord`, as `json_to_recordset` declares them. */
const TERMS_RECORD = sql.raw(
  `unit_id int, manager_person_id int, staff_group text, weekly_hours double precision,
   hours_mon double precision, hours_tue double precision, hours_wed double precision,
   hours_thu double precision, hours_fri double precision, hours_sat double precision,
   hours_sun double precision, works_bank_holidays boolean, annual_salary double precision`,
);

const manager = alias(people, 'manager');

/** People and their employment history: the only code that queries those tables. */
export function peopleRepository(db: Db, organisationId: number) {
  const inOrganisation = eq(people.organisationId, organisationId);

  /** The employment terms in force on a date for each person: the latest spell begun by then. */
  const currentSpell = (onDate: string) => sql`(
    select distinct on (s.person_id) s.* from employment_spells s
    where s.organisation_id = ${organisationId} and s.effective_from <= ${onDate}::date
    order by s.person_id, s.effective_from desc
  )`;

  /**
   * Whether the spell `s` is its person's terms on a date: the latest of theirs begun by then.
   * Asked of each spell by key (a subquery, one index probe per spell): written as a join, the
   * planner, misled by row-level security's condition, may scan every spell of a small
   * organisation for each one.
   */
  const inForceOn = (onDate: string) => sql`s.effective_from = (
      select max(later.effective_from) from employment_spells later
      where later.organisation_id = s.organisation_id and later.person_id = s.person_id
        and later.effective_from <= ${onDate}::date)`;

  return {
    async byEmployeeNumbers(numbers: readonly string[]) {
      if (numbers.length === 0) return [];
      // One array parameter, however many numbers: no bind-parameter limit.
      return db
        .select()
        .from(people)
        .where(and(inOrganisation, sql`${people.employeeNumber} = any(${textArray(numbers)}::text[])`));
    },

    async all() {
      return db.select().from(people).where(inOrganisation);
    },

    async latestSpells() {
      return db
        .selectDistinctOn([employmentSpells.personId])
        .from(employmentSpells)
        .where(eq(employmentSpells.organisationId, organisationId))
        .orderBy(employmentSpells.personId, desc(employmentSpells.effectiveFrom));
    },

    async find(personId: number) {
      const rows = await db
        .select()
        .from(people)
        .where(and(inOrganisation, eq(people.id, personId)));
      return rows[0] ?? null;
    },

    async findByUser(userId: number) {
      const rows = await db
        .select()
        .from(people)
        .where(and(inOrganisation, eq(people.userId, userId)));
      return rows[0] ?? null;
    },

    /** The employment history, newest first, with unit path, manager name and site. */
    async history(personId: number) {
      return db
        .select({
          spell: employmentSpells,
          unitPath: units.path,
          managerName: sql<string | null>`${manager.firstName} || ' ' || ${manager.lastName}`,
          managerId: manager.id,
          managerEmployeeNumber: manager.employeeNumber,
          siteName: sites.name,
        })
        .from(employmentSpells)
        .innerJoin(
          units,
          and(
            eq(units.organisationId, employmentSpells.organisationId),
            eq(units.id, employmentSpells.unitId),
          ),
        )
        .leftJoin(
          manager,
          and(
            eq(manager.organisationId, employmentSpells.organisationId),
            eq(manager.id, employmentSpells.managerPersonId),
          ),
        )
        .leftJoin(
          sites,
          and(
            eq(sites.organisationId, employmentSpells.organisationId),
            eq(sites.id, employmentSpells.siteId),
          ),
        )
        .where(
          and(eq(employmentSpells.organisationId, organisationId), eq(employmentSpells.personId, personId)),
        )
        .orderBy(desc(employmentSpells.effectiveFrom));
    },

    /**
     * People with their terms in force on a date, filtered and paged, in name order: one query.
     */
    async search(options: {
      onDate: string;
      text?: string;
      unitId?: number;
      /** Only people employed on the date whose terms name no line manager. */
      withoutManager?: boolean;
      page: number;
      pageSize: number;
    }) {
      const filters: SQL[] = [sql`p.organisation_id = ${organisationId}`];
      if (options.withoutManager) {
        filters.push(sql`s.person_id is not null and s.manager_person_id is null
          and p.start_date <= ${options.onDate}::date and (p.end_date is null or p.end_date >= ${options.onDate}::date)`);
      }
      if (options.text) {
        const like = `%${options.text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
        filters.push(
          sql`(p.first_name ilike ${like} or p.last_name ilike ${like} or p.employee_number ilike ${like} or (p.first_name || ' ' || p.last_name) ilike ${like})`,
        );
      }
      if (options.unitId) {
        filters.push(sql`exists (select 1 from units u0 where u0.organisation_id = p.organisation_id and u0.id = ${options.unitId}
          and (u.path = u0.path or u.path like u0.path || ' > %'))`);
      }
      const where = sql.join(filters, sql` and `);
      const rows = await queryRows<{
        id: number;
        employee_number: string;
        first_name: string;
        last_name: string;
        job_title: string | null;
        start_date: string;
        end_date: string | null;
        unit_path: string | null;
        staff_group: string | null;
        weekly_hours: number | null;
        total: number;
      }>(
        db,
        sql`
        select p.id, p.employee_number, p.first_name, p.last_name, p.job_title, p.start_date::text, p.end_date::text,
               u.path as unit_path, s.staff_group, s.weekly_hours, count(*) over ()::int as total
        from people p
        left join ${currentSpell(options.onDate)} s on s.person_id = p.id
        left join units u on u.organisation_id = p.organisation_id and u.id = s.unit_id
        where ${where}
        order by p.last_name, p.first_name, p.employee_number
        limit ${options.pageSize} offset ${(options.page - 1) * options.pageSize}`,
      );
      return { rows, total: rows[0]?.total ?? 0 };
    },

    /**
     * The line managers on a date: people whose name is in someone's terms in force that day,
     * in name order. For the lists that filter by line manager.
     */
    async lineManagers(onDate: string) {
      return queryRows<{ id: number; first_name: string; last_name: string }>(
        db,
        sql`
        select p.id, p.first_name, p.last_name from people p
        where p.organisation_id = ${organisationId} and p.id in (
          select s.manager_person_id from employment_spells s
          where s.organisation_id = ${organisationId} and s.manager_person_id is not null
            and ${inForceOn(onDate)}
        )
        order by p.last_name, p.first_name, p.id`,
      );
    },

    /**
     * Everyone employed on a date, in name order, marking those whose name is in someone's terms
     * in force that day: the choices for a line manager.
     */
    async employedOn(onDate: string) {
      return queryRows<{
        id: number;
        employee_number: string;
        first_name: string;
        last_name: string;
        manages: boolean;
      }>(
        db,
        sql`
        select p.id, p.employee_number, p.first_name, p.last_name, p.id in (
          select s.manager_person_id from employment_spells s
          where s.organisation_id = ${organisationId} and s.manager_person_id is not null
            and ${inForceOn(onDate)}
        ) as manages
        from people p
        where p.organisation_id = ${organisationId}
          and p.start_date <= ${onDate}::date and (p.end_date is null or p.end_date >= ${onDate}::date)
        order by p.last_name, p.first_name, p.employee_number`,
      );
    },

    /** How many people employed on a date have no line manager in their terms in force. */
    async withoutManagerCount(onDate: string): Promise<number> {
      const rows = await queryRows<{ n: number }>(
        db,
        sql`
        select count(*)::int as n from people p
        join lateral (
          select s.manager_person_id from employment_spells s
          where s.organisation_id = p.organisation_id and s.person_id = p.id and s.effective_from <= ${onDate}::date
          order by s.effective_from desc limit 1
        ) s on true
        where p.organisation_id = ${organisationId} and s.manager_person_id is null
          and p.start_date <= ${onDate}::date and (p.end_date is null or p.end_date >= ${onDate}::date)`,
      );
      return rows[0]?.n ?? 0;
    },

    /**
     * The managers above each of some people on a date, direct and indirect, following each
     * person's terms in force that day: one recursive query.
     */
    async managersAbove(personIds: readonly number[], onDate: string): Promise<Map<number, number[]>> {
      const above = new Map<number, number[]>();
      if (personIds.length === 0) return above;
      const rows = await queryRows<{ person_id: number; manager_id: number }>(
        db,
        sql`
        with recursive current_terms as ${currentSpell(onDate)},
        up as (
          select t.person_id, t.manager_person_id as manager_id, 1 as depth
          from current_terms t
          where t.person_id = any(${intArray([...new Set(personIds)])}::int[]) and t.manager_person_id is not null
          union
          select up.person_id, t.manager_person_id, up.depth + 1
          from up join current_terms t on t.person_id = up.manager_id
          where t.manager_person_id is not null and up.depth < 20
        )
        select distinct person_id, manager_id from up where manager_id <> person_id`,
      );
      for (const row of rows) above.set(row.person_id, [...(above.get(row.person_id) ?? []), row.manager_id]);
      return above;
    },

    /** Those of some people employed on a date, with their first names: whom an email may greet. */
    async employedAmong(personIds: Iterable<number>, onDate: string) {
      return queryRows<{ id: number; first_name: string }>(
        db,
        sql`select p.id, p.first_name from people p
            where p.organisation_id = ${organisationId} and p.id = any(${intArray([...personIds])}::int[])
              and p.start_date <= ${onDate}::date and (p.end_date is null or p.end_date >= ${onDate}::date)`,
      );
    },

    /** Direct reports on a date (people whose current terms name this manager). */
    async directReports(managerPersonId: number, onDate: string) {
      return queryRows<{ id: number; first_name: string; last_name: string; employee_number: string }>(
        db,
        sql`
        select p.id, p.first_name, p.last_name, p.employee_number
        from ${currentSpell(onDate)} s
        join people p on p.organisation_id = s.organisation_id and p.id = s.person_id
        where s.manager_person_id = ${managerPersonId}
          and p.start_date <= ${onDate}::date and (p.end_date is null or p.end_date >= ${onDate}::date)
        order by p.last_name, p.first_name`,
      );
    },

    /**
     * Everyone in a manager's reporting line on a date, direct and indirect, following each
     * person's terms in force that day: one recursive query.
     */
    async reportingLine(managerPersonId: number, onDate: string) {
      return queryRows<{
        id: number;
        first_name: string;
        last_name: string;
        employee_number: string;
        depth: number;
      }>(
        db,
        // The line is walked down from the manager through the index of spells by manager, each
        // spell kept only if it is the person's terms on the date (none later has begun by then),
        // so the cost follows the size of the line, not of the organisation.
        sql`
        with recursive line as (
          select s.person_id, 1 as depth from employment_spells s
          where s.organisation_id = ${organisationId} and s.manager_person_id = ${managerPersonId}
            and ${inForceOn(onDate)}
          union
          select s.person_id, line.depth + 1 from line
          join employment_spells s on s.organisation_id = ${organisationId} and s.manager_person_id = line.person_id
          where line.depth < 20 and ${inForceOn(onDate)}
        )
        select p.id, p.first_name, p.last_name, p.employee_number, d.depth
        from (select person_id, min(depth)::int as depth from line group by person_id) d
        -- Each person of the line looked up by key, never a scan of the organisation's people.
        cross join lateral (
          select * from people p where p.organisation_id = ${organisationId} and p.id = d.person_id
        ) p
        where p.id <> ${managerPersonId}
          and p.start_date <= ${onDate}::date and (p.end_date is null or p.end_date >= ${onDate}::date)
        order by p.last_name, p.first_name`,
      );
    },

    async isInReportingLine(managerPersonId: number, personId: number, onDate: string): Promise<boolean> {
      const line = await this.reportingLine(managerPersonId, onDate);
      return line.some((p) => p.id === personId);
    },

    /** People with their terms in force on a date and their manager's number, paged: one query. */
    async withTerms(options: {
      onDate: string;
      unitPath?: string;
      employeeNumber?: string;
      page: number;
      pageSize: number;
    }) {
      const filters: SQL[] = [sql`p.organisation_id = ${organisationId}`];
      if (options.unitPath)
        filters.push(sql`(u.path = ${options.unitPath} or u.path like ${`${options.unitPath} > %`})`);
      if (options.employeeNumber) filters.push(sql`p.employee_number = ${options.employeeNumber}`);
      const rows = await queryRows<{
        id: number;
        employee_number: string;
        first_name: string;
        last_name: string;
        email: string | null;
        job_title: string | null;
        start_date: string;
        end_date: string | null;
        unit_path: string | null;
        staff_group: string | null;
        manager_number: string | null;
        weekly_hours: number | null;
        hours_mon: number | null;
        hours_tue: number | null;
        hours_wed: number | null;
        hours_thu: number | null;
        hours_fri: number | null;
        hours_sat: number | null;
        hours_sun: number | null;
        works_bank_holidays: boolean | null;
        annual_salary: number | null;
        total: number;
      }>(
        db,
        sql`
        select p.id, p.employee_number, p.first_name, p.last_name, p.email, p.job_title, p.start_date::text, p.end_date::text,
               u.path as unit_path, s.staff_group, m.employee_number as manager_number, s.weekly_hours,
               s.hours_mon, s.hours_tue, s.hours_wed, s.hours_thu, s.hours_fri, s.hours_sat, s.hours_sun,
               s.works_bank_holidays, s.annual_salary, count(*) over ()::int as total
        from people p
        left join ${currentSpell(options.onDate)} s on s.person_id = p.id
        left join units u on u.organisation_id = p.organisation_id and u.id = s.unit_id
        left join people m on m.organisation_id = p.organisation_id and m.id = s.manager_person_id
        where ${sql.join(filters, sql` and `)}
        order by p.employee_number
        limit ${options.pageSize} offset ${(options.page - 1) * options.pageSize}`,
      );
      return { rows, total: rows[0]?.total ?? 0 };
    },

    /**
     * Adds people in one statement, their rows passed as one JSON parameter (quicker to build
     * than a multi-row insert, and free of the bind-parameter limit). Returns each new id.
     */
    async insertPeople(rows: readonly Omit<typeof people.$inferInsert, 'id' | 'createdAt'>[]) {
      if (rows.length === 0) return [];
      const incoming = JSON.stringify(
        rows.map((r) => ({
          organisation_id: r.organisationId,
          employee_number: r.employeeNumber,
          first_name: r.firstName,
          last_name: r.lastName,
          email: r.email ?? null,
          job_title: r.jobTitle ?? null,
          start_date: r.startDate,
          end_date: r.endDate ?? null,
          user_id: r.userId ?? null,
        })),
      );
      return queryRows<{ id: number; employeeNumber: string }>(
        db,
        sql`
        insert into people (organisation_id, employee_number, first_name, last_name, email, job_title,
                            start_date, end_date, user_id)
        select organisation_id, employee_number, first_name, last_name, email, job_title, start_date, end_date, user_id
        from json_to_recordset(${incoming}::json) as v(
          organisation_id int, employee_number text, first_name text, last_name text, email text, job_title text,
          start_date date, end_date date, user_id int)
        returning id, employee_number as "employeeNumber"`,
      );
    },

    async updatePerson(
      personId: number,
      changes: Partial<Omit<PersonRecord, 'id' | 'organisationId' | 'createdAt'>>,
    ) {
      await db
        .update(people)
        .set(changes)
        .where(and(inOrganisation, eq(people.id, personId)));
    },

    /** Sets the details of many people in one statement; the rows travel as one JSON parameter. */
    async updatePeople(rows: readonly PersonDetails[]) {
      if (rows.length === 0) return;
      const incoming = JSON.stringify(
        rows.map((r) => ({
          id: r.id,
          first_name: r.firstName,
          last_name: r.lastName,
          email: r.email,
          job_title: r.jobTitle,
          start_date: r.startDate,
          end_date: r.endDate,
        })),
      );
      await db.execute(sql`
        update people p
        set first_name = v.first_name, last_name = v.last_name, email = v.email, job_title = v.job_title,
            start_date = v.start_date, end_date = v.end_date
        from json_to_recordset(${incoming}::json) as v(
          id int, first_name text, last_name text, email text, job_title text, start_date date, end_date date)
        where p.organisation_id = ${organisationId} and p.id = v.id`);
    },

    /** Replaces the terms of many employment spells in one statement (rows as one JSON parameter). */
    async updateSpells(rows: readonly SpellTerms[]) {
      if (rows.length === 0) return;
      const incoming = JSON.stringify(
        rows.map((r) => ({
          id: r.id,
          effective_from: r.effectiveFrom,
          ...termsRecord(r),
        })),
      );
      await db.execute(sql`
        update employment_spells s
        set effective_from = v.effective_from, unit_id = v.unit_id, manager_person_id = v.manager_person_id,
            staff_group = v.staff_group, weekly_hours = v.weekly_hours, hours_mon = v.hours_mon,
            hours_tue = v.hours_tue, hours_wed = v.hours_wed, hours_thu = v.hours_thu, hours_fri = v.hours_fri,
            hours_sat = v.hours_sat, hours_sun = v.hours_sun, works_bank_holidays = v.works_bank_holidays,
            annual_salary = v.annual_salary
        from json_to_recordset(${incoming}::json) as v(id int, effective_from date, ${TERMS_RECORD})
        where s.organisation_id = ${organisationId} and s.id = v.id`);
    },

    /** Adds employment spells in one statement, their rows passed as one JSON parameter. */
    async insertSpells(rows: readonly NewEmploymentSpell[]) {
      if (rows.length === 0) return;
      const incoming = JSON.stringify(
        rows.map((r) => ({
          organisation_id: r.organisationId,
          person_id: r.personId,
          effective_from: r.effectiveFrom,
          site_id: r.siteId ?? null,
          ...termsRecord(r),
        })),
      );
      await db.execute(sql`
        insert into employment_spells (organisation_id, person_id, effective_from, unit_id, manager_person_id,
          site_id, staff_group, weekly_hours, hours_mon, hours_tue, hours_wed, hours_thu, hours_fri, hours_sat,
          hours_sun, works_bank_holidays, annual_salary)
        select organisation_id, person_id, effective_from, unit_id, manager_person_id, site_id, staff_group,
          weekly_hours, hours_mon, hours_tue, hours_wed, hours_thu, hours_fri, hours_sat, hours_sun,
          works_bank_holidays, annual_salary
        from json_to_recordset(${incoming}::json) as v(
          organisation_id int, person_id int, effective_from date, site_id int, ${TERMS_RECORD})`);
    },

    async updateSpell(spellId: number, changes: Partial<NewEmploymentSpell>) {
      await db
        .update(employmentSpells)
        .set(changes)
        .where(and(eq(employmentSpells.organisationId, organisationId), eq(employmentSpells.id, spellId)));
    },

    async unitsByPath() {
      const rows = await db
        .select({ id: units.id, path: units.path })
        .from(units)
        .where(eq(units.organisationId, organisationId))
        .orderBy(asc(units.path));
      return new Map(rows.map((r) => [r.path, r.id]));
    },

    async insertUnits(rows: { name: string; path: string; depth: number; parentId: number | null }[]) {
      if (rows.length === 0) return [];
      return db
        .insert(units)
        .values(rows.map((r) => ({ ...r, organisationId })))
        .returning({ id: units.id, path: units.path });
    },

    /** Every staff group anyone has had in the organisation, in alphabetical order. */
    async staffGroups(): Promise<string[]> {
      const rows = await db
        .selectDistinct({ staffGroup: employmentSpells.staffGroup })
        .from(employmentSpells)
        .where(
          and(eq(employmentSpells.organisationId, organisationId), sql`${employmentSpells.staffGroup} <> ''`),
        )
        .orderBy(asc(employmentSpells.staffGroup));
      return rows.flatMap((r) => (r.staffGroup === null ? [] : [r.staffGroup]));
    },

    /** Every unit of the organisation, in path order (so each comes after its parent). */
    async unitsInPathOrder() {
      return db
        .select({
          id: units.id,
          parentId: units.parentId,
          name: units.name,
          path: units.path,
          depth: units.depth,
        })
        .from(units)
        .where(eq(units.organisationId, organisationId))
        .orderBy(asc(units.path));
    },

    /** A person's employment terms, newest first, with unit path and manager's employee number. */
    async employmentHistory(personId: number) {
      return db
        .select({
          spell: employmentSpells,
          unitPath: units.path,
          managerEmployeeNumber: manager.employeeNumber,
        })
        .from(employmentSpells)
        .innerJoin(
          units,
          and(
            eq(units.organisationId, employmentSpells.organisationId),
            eq(units.id, employmentSpells.unitId),
          ),
        )
        .leftJoin(
          manager,
          and(
            eq(manager.organisationId, employmentSpells.organisationId),
            eq(manager.id, employmentSpells.managerPersonId),
          ),
        )
        .where(
          and(eq(employmentSpells.organisationId, organisationId), eq(employmentSpells.personId, personId)),
        )
        .orderBy(desc(employmentSpells.effectiveFrom));
    },
  };
}

export type PeopleRepository = ReturnType<typeof peopleRepository>;

import { and, eq, sql } from 'drizzle-orm';
import { intArray } from '../../db/array-parameters.ts';
import { queryRows, type Db } from '../../db/database.ts';
import { absenceChanges, absences } from './absences-schema.ts';

export type AbsenceRecord = typeof absences.$inferSelect;
export type NewAbsence = Omit<typeof absences.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;
export type NewAbsenceChange = Omit<typeof absenceChanges.$inferInsert, 'id' | 'at'>;

/** An absence as an import adds it: the fields a file can give. */
export interface ImportedAbsence {
  personId: number;
  type: string;
  startDate: string;
  endDate: string | null;
  reasonCode: string | null;
  firstDayHours: number | null;
  notes: string | null;
}

/** New values of an absence an import changes, with what changed (for its history). */
export interface ImportedChange {
  id: number;
  endDate: string | null;
  reasonCode: string | null;
  firstDayHours: number | null;
  notes: string | null;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** How a sickness was certified, as recorded after the absence itself. */
export interface SicknessCertificate {
  personId: number;
  startDate: string;
  certification: 'self' | 'fit_note';
  fitNote: { from: string; to: string; mayBeFit: boolean; advice: string[] } | null;
}

/** Who made a batch of changes and why, for the history of each absence. */
export interface ChangeSource {
  userId: number | null;
  reason: string;
}

/** Absences and their change history: the only code that queries those tables. */
export function absencesRepository(db: Db, organisationId: number) {
  const inOrganisation = eq(absences.organisationId, organisationId);
  return {
    /** The absences of some people; with `endingFrom`, only those still running on or after that day. */
    async forPeople(personIds: readonly number[], options: { endingFrom?: string } = {}) {
      if (personIds.length === 0) return [];
      const from = options.endingFrom;
      return db
        .select()
        .from(absences)
        .where(
          and(
            inOrganisation,
            sql`${absences.personId} = any(${intArray(personIds)}::int[])`,
            from === undefined
              ? undefined
              : sql`(${absences.endDate} is null or ${absences.endDate} >= ${from}::date)`,
          ),
        );
    },

    async forPerson(personId: number) {
      return db
        .select()
        .from(absences)
        .where(and(inOrganisation, eq(absences.personId, personId)))
        .orderBy(sql`${absences.startDate} desc`);
    },

    /** A person's annual leave and sickness, oldest first: what sickness during leave is judged from. */
    async annualLeaveAndSickness(personId: number) {
      return db
        .select()
        .from(absences)
        .where(
          and(
            inOrganisation,
            eq(absences.personId, personId),
            sql`${absences.type} in ('annual_leave', 'sickness')`,
          ),
        )
        .orderBy(absences.startDate);
    },

    /** The sickness a person is off with on a date: begun by then and not ended before it. */
    async sicknessOn(personId: number, date: string) {
      const rows = await db
        .select()
        .from(absences)
        .where(
          and(
            inOrganisation,
            eq(absences.personId, personId),
            eq(absences.type, 'sickness'),
            sql`${absences.startDate} <= ${date}::date`,
            sql`(${absences.endDate} is null or ${absences.endDate} >= ${date}::date)`,
          ),
        )
        .orderBy(sql`${absences.startDate} desc`)
        .limit(1);
      return rows[0] ?? null;
    },

    async find(absenceId: number) {
      const rows = await db
        .select()
        .from(absences)
        .where(and(inOrganisation, eq(absences.id, absenceId)));
      return rows[0] ?? null;
    },

    async insert(rows: NewAbsence[]) {
      if (rows.length === 0) return [];
      return db.insert(absences).values(rows).returning({ id: absences.id });
    },

    async update(absenceId: number, changes: Partial<NewAbsence>) {
      await db
        .update(absences)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(and(inOrganisation, eq(absences.id, absenceId)));
    },

    /**
     * Adds absences and the "recorded" entry of each one's history: one statement for any number
     * of rows, which travel as one JSON parameter (so PostgreSQL's limit of 65,535 bind
     * parameters never applies). Returns how many were added.
     */
    async insertWithHistory(rows: readonly ImportedAbsence[], source: ChangeSource): Promise<number> {
      if (rows.length === 0) return 0;
      const incoming = JSON.stringify(
        rows.map((r) => ({
          person_id: r.personId,
          type: r.type,
          start_date: r.startDate,
          end_date: r.endDate,
          reason_code: r.reasonCode,
          first_day_hours: r.firstDayHours,
          notes: r.notes,
        })),
      );
      const result = await queryRows<{ n: number }>(
        db,
        sql`
        with incoming as (
          select * from json_to_recordset(${incoming}::json) as v(
            person_id int, type text, start_date date, end_date date, reason_code text,
            first_day_hours double precision, notes text)
        ),
        created as (
          insert into absences (organisation_id, person_id, type, start_date, end_date, reason_code,
                                first_day_hours, notes, recorded_by_user_id)
          select ${organisationId}, person_id, type, start_date, end_date, reason_code, first_day_hours, notes,
                 ${source.userId}::int
          from incoming
          returning id, type, start_date, end_date
        ),
        history as (
          insert into absence_changes (organisation_id, absence_id, user_id, action, changes, reason)
          select ${organisationId}, id, ${source.userId}::int, 'recorded',
                 jsonb_build_object('type', type, 'startDate', start_date::text, 'endDate', end_date::text),
                 ${source.reason}
          from created
          returning 1
        )
        select count(*)::int as n from history`,
      );
      return result[0]?.n ?? 0;
    },

    /**
     * Sets the imported fields of many absences and records each change in its history: one
     * statement for any number of rows, passed as one JSON parameter. Returns how many changed.
     */
    async updateWithHistory(rows: readonly ImportedChange[], source: ChangeSource): Promise<number> {
      if (rows.length === 0) return 0;
      const incoming = JSON.stringify(
        rows.map((r) => ({
          id: r.id,
          end_date: r.endDate,
          reason_code: r.reasonCode,
          first_day_hours: r.firstDayHours,
          notes: r.notes,
          changes: r.changes,
        })),
      );
      const result = await queryRows<{ n: number }>(
        db,
        sql`
        with incoming as (
          select * from json_to_recordset(${incoming}::json) as v(
            id int, end_date date, reason_code text, first_day_hours double precision, notes text, changes jsonb)
        ),
        changed as (
          update absences a
          set end_date = i.end_date, reason_code = i.reason_code, first_day_hours = i.first_day_hours,
              notes = i.notes, updated_at = now()
          from incoming i
          where a.organisation_id = ${organisationId} and a.id = i.id
          returning a.id
        ),
        history as (
          insert into absence_changes (organisation_id, absence_id, user_id, action, changes, reason)
          select ${organisationId}, i.id, ${source.userId}::int, 'updated', i.changes, ${source.reason}
          from incoming i join changed c on c.id = i.id
          returning 1
        )
        select count(*)::int as n from history`,
      );
      return result[0]?.n ?? 0;
    },

    /**
     * Records how sicknesses were certified (self-certified, or a fit note with its dates and
     * advice), each found by its person and first day, with the change in its history: one
     * statement for any number of rows, passed as one JSON parameter. Returns how many changed.
     */
    async certifyWithHistory(rows: readonly SicknessCertificate[], source: ChangeSource): Promise<number> {
      if (rows.length === 0) return 0;
      const incoming = JSON.stringify(
        rows.map((r) => ({
          person_id: r.personId,
          start_date: r.startDate,
          certification: r.certification,
          fit_note_from: r.fitNote?.from ?? null,
          fit_note_to: r.fitNote?.to ?? null,
          may_be_fit: r.fitNote?.mayBeFit ?? null,
          advice: r.fitNote ? r.fitNote.advice.join(',') : null,
        })),
      );
      const result = await queryRows<{ n: number }>(
        db,
        sql`
        with incoming as (
          select * from json_to_recordset(${incoming}::json) as v(
            person_id int, start_date date, certification text, fit_note_from date, fit_note_to date,
            may_be_fit boolean, advice text)
        ),
        changed as (
          update absences a
          set certification = i.certification, fit_note_from = i.fit_note_from, fit_note_to = i.fit_note_to,
              fit_note_may_be_fit = i.may_be_fit,
              fit_note_advice = case when i.advice is null then null else string_to_array(nullif(i.advice, ''), ',') end,
              updated_at = now()
          from incoming i
          where a.organisation_id = ${organisationId} and a.person_id = i.person_id
            and a.type = 'sickness' and a.start_date = i.start_date
          returning a.id, i.certification, i.fit_note_from, i.fit_note_to
        ),
        history as (
          insert into absence_changes (organisation_id, absence_id, user_id, action, changes, reason)
          select ${organisationId}, c.id, ${source.userId}::int, 'updated',
                 jsonb_strip_nulls(jsonb_build_object(
                   'certification', jsonb_build_object('from', null, 'to', c.certification),
                   'fitNoteFrom', case when c.fit_note_from is null then null
                                  else jsonb_build_object('from', null, 'to', c.fit_note_from::text) end,
                   'fitNoteTo', case when c.fit_note_to is null then null
                                else jsonb_build_object('from', null, 'to', c.fit_note_to::text) end)),
                 ${source.reason}
          from changed c
          returning 1
        )
        select count(*)::int as n from history`,
      );
      return result[0]?.n ?? 0;
    },

    async recordChanges(rows: NewAbsenceChange[]) {
      if (rows.length === 0) return;
      await db.insert(absenceChanges).values(rows);
    },

    async history(absenceId: number) {
      return db
        .select()
        .from(absenceChanges)
        .where(
          and(eq(absenceChanges.organisationId, organisationId), eq(absenceChanges.absenceId, absenceId)),
        )
        .orderBy(absenceChanges.at);
    },
  };
}

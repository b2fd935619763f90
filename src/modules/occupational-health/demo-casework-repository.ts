/**
 * Writing a year of OH casework in a few statements, for the demo partnership: its rows are made
 * elsewhere (src/modules/demo) as plain values, with their ids reserved beforehand from each
 * table's own sequence, so that a note can be sealed for its id before it is written and rows can
 * name each other without a round trip per row.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.ts';
import {
  ohAppointments,
  ohClinicians,
  ohNotes,
  ohReferrals,
  ohReportCorrections,
  ohReports,
  ohReportVersions,
  ohServiceClients,
  ohServiceSettings,
  ohSessions,
} from './occupational-health-schema.ts';

type WithId<T> = Omit<T, 'id'> & { id: number };

export type DemoServiceClient = typeof ohServiceClients.$inferInsert;
export type DemoClinician = typeof ohClinicians.$inferInsert;
export type DemoReferral = WithId<typeof ohReferrals.$inferInsert>;
export type DemoSession = WithId<typeof ohSessions.$inferInsert>;
export type DemoAppointment = WithId<typeof ohAppointments.$inferInsert>;
export type DemoNote = WithId<typeof ohNotes.$inferInsert>;
export type DemoReport = WithId<typeof ohReports.$inferInsert>;
export type DemoReportVersion = WithId<typeof ohReportVersions.$inferInsert>;
export type DemoCorrection = WithId<typeof ohReportCorrections.$inferInsert>;

/** The tables whose ids come from a sequence. */
export type CaseworkTable =
  | 'oh_referrals'
  | 'oh_sessions'
  | 'oh_appointments'
  | 'oh_notes'
  | 'oh_reports'
  | 'oh_report_versions'
  | 'oh_report_corrections';

/** `count` fresh ids of the table, taken from its sequence so that nothing else is given them. */
export async function reserveIds(db: Db, table: CaseworkTable, count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select nextval(pg_get_serial_sequence(${table}, 'id'))::int as id
        from generate_series(1, ${count}::int)`,
  );
  return rows.map((r) => r.id);
}

export interface DemoServiceRows {
  clients: DemoServiceClient[];
  settings: { organisationId: number; reportReviewWorkingDays: number };
  clinicians: DemoClinician[];
}

/** The service itself: whom it serves from when, its settings and its clinicians. */
export async function insertDemoService(db: Db, rows: DemoServiceRows): Promise<void> {
  await db.insert(ohServiceClients).values(rows.clients);
  await db.insert(ohServiceSettings).values(rows.settings);
  if (rows.clinicians.length > 0) await db.insert(ohClinicians).values(rows.clinicians);
}

export interface DemoCaseworkRows {
  referrals: DemoReferral[];
  sessions: DemoSession[];
  appointments: DemoAppointment[];
  notes: DemoNote[];
  reports: DemoReport[];
  versions: DemoReportVersion[];
  corrections: DemoCorrection[];
}

const CHUNK = 500;

async function inChunks<T>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/**
 * The casework, in the order its foreign keys need. The scope must act for the provider and, as
 * the OH service, for every organisation whose casework is written.
 */
export async function insertDemoCasework(db: Db, rows: DemoCaseworkRows): Promise<void> {
  await inChunks(rows.referrals, (c) => db.insert(ohReferrals).overridingSystemValue().values(c));
  await inChunks(rows.sessions, (c) => db.insert(ohSessions).overridingSystemValue().values(c));
  await inChunks(rows.appointments, (c) => db.insert(ohAppointments).overridingSystemValue().values(c));
  await inChunks(rows.notes, (c) => db.insert(ohNotes).overridingSystemValue().values(c));
  await inChunks(rows.reports, (c) => db.insert(ohReports).overridingSystemValue().values(c));
  await inChunks(rows.versions, (c) => db.insert(ohReportVersions).overridingSystemValue().values(c));
  await inChunks(rows.corrections, (c) => db.insert(ohReportCorrections).overridingSystemValue().values(c));
}

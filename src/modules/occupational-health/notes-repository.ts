/**
 * Clinical notes, sealed: each note's text is encrypted with the OH notes key and bound to its
 * organisation, case and note, so that a sealed value moved to another row does not open. A note
 * is never changed; an addendum is a note of its own. Row-level security gives the rows only to
 * a provider acting as the OH service.
 */
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.ts';
import type { SealingKey } from '../../sealing.ts';
import { ohAppointments, ohNotes } from './occupational-health-schema.ts';

export type NoteRow = typeof ohNotes.$inferSelect;
/** A note as a list shows it: who wrote it and when, never its text. */
export type NoteHeading = Omit<NoteRow, 'sealedText'>;

/** What a note's sealed text is bound to: its organisation, case and note. */
export function noteContext(note: { organisationId: number; referralId: number; id: number }): string {
  return `oh-note:${note.organisationId}:${note.referralId}:${note.id}`;
}

/** Writes a note (or an addendum), sealed with `key`, and returns its id. */
export async function insertNote(
  db: Db,
  key: SealingKey,
  note: {
    organisationId: number;
    referralId: number;
    appointmentId: number | null;
    addendumTo: number | null;
    authorUserId: number;
    text: string;
  },
): Promise<number> {
  // The id is taken first, so that the text is sealed for this very note when it is written.
  const [next] = await queryRows<{ id: number }>(
    db,
    sql`select nextval(pg_get_serial_sequence('oh_notes', 'id'))::int as id`,
  );
  if (!next) throw new Error('No note id was given');
  const id = next.id;
  await db
    .insert(ohNotes)
    .overridingSystemValue()
    .values({
      organisationId: note.organisationId,
      id,
      referralId: note.referralId,
      appointmentId: note.appointmentId,
      addendumTo: note.addendumTo,
      authorUserId: note.authorUserId,
      sealedText: key.sealer.seal(note.text, noteContext({ ...note, id })),
      keyId: key.id,
    });
  return id;
}

const heading = {
  organisationId: ohNotes.organisationId,
  id: ohNotes.id,
  referralId: ohNotes.referralId,
  appointmentId: ohNotes.appointmentId,
  addendumTo: ohNotes.addendumTo,
  authorUserId: ohNotes.authorUserId,
  writtenAt: ohNotes.writtenAt,
  keyId: ohNotes.keyId,
};

/** The case's notes (not addenda), oldest first, each with how many addenda it has. */
export async function notesOfCase(
  db: Db,
  organisationId: number,
  referralId: number,
): Promise<(NoteHeading & { addenda: number })[]> {
  const addenda = db
    .select({ addendumTo: ohNotes.addendumTo, count: sql<number>`count(*)::int`.as('count') })
    .from(ohNotes)
    .where(and(eq(ohNotes.organisationId, organisationId), eq(ohNotes.referralId, referralId)))
    .groupBy(ohNotes.addendumTo)
    .as('addenda');
  const rows = await db
    .select({ ...heading, addenda: sql<number>`coalesce(${addenda.count}, 0)::int` })
    .from(ohNotes)
    .leftJoin(addenda, eq(addenda.addendumTo, ohNotes.id))
    .where(
      and(
        eq(ohNotes.organisationId, organisationId),
        eq(ohNotes.referralId, referralId),
        isNull(ohNotes.addendumTo),
      ),
    )
    .orderBy(asc(ohNotes.writtenAt), asc(ohNotes.id));
  return rows;
}

/** A note of the case, sealed text and all, if the scope reaches it. */
export async function findNote(
  db: Db,
  organisationId: number,
  referralId: number,
  noteId: number,
): Promise<NoteRow | null> {
  const [row] = await db
    .select()
    .from(ohNotes)
    .where(
      and(
        eq(ohNotes.organisationId, organisationId),
        eq(ohNotes.referralId, referralId),
        eq(ohNotes.id, noteId),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** A note's addenda, oldest first, sealed text and all. */
export async function addendaOf(db: Db, note: NoteRow): Promise<NoteRow[]> {
  return db
    .select()
    .from(ohNotes)
    .where(and(eq(ohNotes.organisationId, note.organisationId), eq(ohNotes.addendumTo, note.id)))
    .orderBy(asc(ohNotes.writtenAt), asc(ohNotes.id));
}

/** The text of a note, opened with `key`; throws a SealingError if it does not open. */
export function openNote(key: SealingKey, note: NoteRow): string {
  return key.sealer.open(note.sealedText, noteContext(note));
}

/** The case's appointments a note may follow: held on or before the day, not cancelled. */
export async function appointmentsForNotes(
  db: Db,
  organisationId: number,
  referralId: number,
  onDate: string,
) {
  return db
    .select({
      id: ohAppointments.id,
      heldOn: ohAppointments.heldOn,
      startsAt: ohAppointments.startsAt,
      status: ohAppointments.status,
    })
    .from(ohAppointments)
    .where(
      and(
        eq(ohAppointments.organisationId, organisationId),
        eq(ohAppointments.referralId, referralId),
        ne(ohAppointments.status, 'cancelled'),
        sql`${ohAppointments.heldOn} <= ${onDate}`,
      ),
    )
    .orderBy(asc(ohAppointments.heldOn), asc(ohAppointments.startsAt));
}

/**
 * Re-seals, with `to`, every note not yet sealed with it, opening each with `from`; returns how
 * many were re-sealed. Run in one transaction with the owner's rights (every organisation's
 * notes). A note sealed with neither key stops it: nothing is changed.
 */
export async function resealNotes(db: Db, from: SealingKey, to: SealingKey): Promise<number> {
  const left = await db.select().from(ohNotes).where(ne(ohNotes.keyId, to.id)).for('update');
  const strangers = left.filter((note) => note.keyId !== from.id);
  if (strangers.length > 0) {
    const ids = [...new Set(strangers.map((n) => n.keyId))].join(', ');
    throw new UnknownNotesKey(strangers.length, ids);
  }
  for (const note of left) {
    const context = noteContext(note);
    await db
      .update(ohNotes)
      .set({ sealedText: to.sealer.seal(from.sealer.open(note.sealedText, context), context), keyId: to.id })
      .where(and(eq(ohNotes.organisationId, note.organisationId), eq(ohNotes.id, note.id)));
  }
  return left.length;
}

/** How many notes are sealed with each key id. */
export async function notesByKey(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .select({ keyId: ohNotes.keyId, count: sql<number>`count(*)::int` })
    .from(ohNotes)
    .groupBy(ohNotes.keyId);
  return new Map(rows.map((r) => [r.keyId, r.count]));
}

export class UnknownNotesKey extends Error {
  constructor(
    readonly count: number,
    readonly keyIds: string,
  ) {
    super(
      `${count} ${count === 1 ? 'note is' : 'notes are'} sealed with a key that is neither the current OH notes key nor the new one (key id ${keyIds}); nothing was re-sealed.`,
    );
  }
}

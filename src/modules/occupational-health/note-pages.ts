/**
 * Clinical notes: the OH service's clinicians write notes on a case at or after an appointment,
 * add addenda (a note is never changed), and read them. Nobody else reaches these pages: they are
 * the `oh.clinical` permission's, in the provider's organisation, and a case the service does not
 * hold is not found. Every read of a note is audited before its text is shown, in the same
 * transaction: if the audit cannot be written, the note is not shown.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { today } from '../../domain/today.ts';
import { SealingError } from '../../sealing.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { audit } from '../../web/audit.ts';
import type { FieldError } from '../../web/forms.ts';
import { formBody, idParam, organisationOf, textField, userIdOf } from '../../web/request-context.ts';
import { ohPaths } from './occupational-health-paths.ts';
import { serviceScope } from './oh-service-scope-queries.ts';
import { findReferral, type Referral } from './referrals-repository.ts';
import {
  addendaOf,
  appointmentsForNotes,
  findNote,
  insertNote,
  openNote,
  type NoteRow,
} from './notes-repository.ts';

const CLINICAL = { kind: 'permission', permission: 'oh.clinical' } as const;
const MAX_TEXT = 20_000;
/** The state of a case in which a clinician writes new notes (addenda may follow on a closed case). */
const WRITABLE = new Set(['accepted']);

/** A case the service holds and a clinician may see: consented, and routed to this provider. */
export function heldByService(referral: Referral | null, providerId: number): referral is Referral {
  return (
    referral !== null &&
    referral.providerOrganisationId === providerId &&
    referral.triagedOn !== null &&
    referral.rejectionReason === null
  );
}

function noteText(body: Record<string, unknown>, errors: FieldError[], what: string): string {
  const text = textField(body, 'text');
  if (!text) errors.push({ text: `Write the ${what}`, href: '#text' });
  else if (text.length > MAX_TEXT)
    errors.push({
      text: `The ${what} must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer`,
      href: '#text',
    });
  return text;
}

export function notePages(services: Services) {
  const { database } = services;

  /** Runs `work` in the service's scope with the case, or answers 404. */
  async function inCase<T>(
    request: FastifyRequest,
    work: (db: Db, referral: Referral) => Promise<T>,
  ): Promise<T> {
    const organisation = organisationOf(request);
    const referralId = idParam(request, 'referralId');
    const scope = await serviceScope(database.system, organisation.id, today());
    if (!scope) throw notFound();
    return database.scoped(scope, async (db) => {
      const referral = await findReferral(db, referralId);
      if (!heldByService(referral, organisation.id)) throw notFound();
      return work(db, referral);
    });
  }

  const caseHref = (org: string, referral: Referral) =>
    ohPaths.service.case.build({ org, referralId: referral.id });

  async function newNoteForm(db: Db, referral: Referral, org: string) {
    const appointments = await appointmentsForNotes(db, referral.organisationId, referral.id, today());
    return {
      pageTitle: `New clinical note: ${referral.personName}`,
      personName: referral.personName,
      appointments: appointments.map((a) => ({
        value: String(a.id),
        heldOn: a.heldOn,
        startsAt: a.startsAt,
      })),
      backLink: caseHref(org, referral),
    };
  }

  async function showNewNote(request: FastifyRequest, reply: FastifyReply) {
    const organisation = organisationOf(request);
    const body = formBody(request);
    const posted = request.method === 'POST';
    const errors: FieldError[] = [];
    const text = posted ? noteText(body, errors, 'note') : '';
    const appointmentValue = posted ? textField(body, 'appointmentId') : '';
    type Outcome =
      | { kind: 'closed'; referral: Referral }
      | { kind: 'form'; form: Awaited<ReturnType<typeof newNoteForm>> }
      | { kind: 'written'; referral: Referral; noteId: number };
    const outcome = await inCase(request, async (db, referral): Promise<Outcome> => {
      if (!WRITABLE.has(referral.status)) return { kind: 'closed', referral };
      const form = await newNoteForm(db, referral, organisation.slug);
      if (!posted) return { kind: 'form', form };
      let appointmentId: number | null = null;
      if (appointmentValue !== '') {
        const chosen = form.appointments.find((a) => a.value === appointmentValue);
        if (!chosen)
          errors.push({ text: 'Choose one of the case’s appointments, or none', href: '#appointmentId' });
        else appointmentId = Number(chosen.value);
      }
      if (errors.length > 0) return { kind: 'form', form };
      const noteId = await insertNote(db, services.ohNotesKey, {
        organisationId: referral.organisationId,
        referralId: referral.id,
        appointmentId,
        addendumTo: null,
        authorUserId: userIdOf(request),
        text,
      });
      await audit(db, request, {
        action: 'oh-note.written',
        subjectType: 'oh_note',
        subjectId: noteId,
        detail: { organisationId: referral.organisationId, referralId: referral.id, appointmentId },
      });
      return { kind: 'written', noteId, referral };
    });
    if (outcome.kind === 'closed') {
      return reply.status(409).render('occupational-health/views/note-closed.njk', {
        pageTitle: 'This case takes no new notes',
        backLink: caseHref(organisation.slug, outcome.referral),
      });
    }
    if (outcome.kind === 'written') {
      request.session.set('flash', { title: 'The note is saved' });
      return reply.redirect(
        ohPaths.service.note.build({
          org: organisation.slug,
          referralId: outcome.referral.id,
          noteId: outcome.noteId,
        }),
      );
    }
    return reply.status(errors.length > 0 ? 400 : 200).render('occupational-health/views/new-note.njk', {
      ...outcome.form,
      errors,
      values: { text, appointmentId: appointmentValue },
    });
  }

  /** The note a route names: a note (not an addendum) of the case. */
  async function rootNote(db: Db, request: FastifyRequest, referral: Referral): Promise<NoteRow> {
    const note = await findNote(db, referral.organisationId, referral.id, idParam(request, 'noteId'));
    if (!note || note.addendumTo !== null) throw notFound();
    return note;
  }

  return async (app: FastifyInstance) => {
    app.get(
      ohPaths.service.newNote.pattern,
      { config: { access: CLINICAL, audit: 'oh-case.viewed' } },
      showNewNote,
    );
    app.post(ohPaths.service.newNote.pattern, { config: { access: CLINICAL } }, showNewNote);

    app.get(
      ohPaths.service.note.pattern,
      { config: { access: CLINICAL, audit: 'oh-note.read' } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        // Every note shown is audited first, in the transaction that reads it; the text is
        // opened only once the audit is written, and shown only once it is committed.
        const page = await inCase(request, async (db, referral) => {
          const note = await rootNote(db, request, referral);
          const addenda = await addendaOf(db, note);
          const appointment = note.appointmentId
            ? (await appointmentsForNotes(db, referral.organisationId, referral.id, '9999-12-31')).find(
                (a) => a.id === note.appointmentId,
              )
            : undefined;
          for (const shown of [note, ...addenda]) {
            await audit(db, request, {
              action: 'oh-note.read',
              subjectType: 'oh_note',
              subjectId: shown.id,
              detail: { organisationId: referral.organisationId, referralId: referral.id },
            });
          }
          try {
            const open = (n: NoteRow) => ({
              id: n.id,
              authorUserId: n.authorUserId,
              writtenAt: n.writtenAt,
              text: openNote(services.ohNotesKey, n),
            });
            return { referral, appointment, note: open(note), addenda: addenda.map(open) };
          } catch (error) {
            if (error instanceof SealingError) return { referral, sealed: true as const };
            throw error;
          }
        });
        const backLink = caseHref(organisation.slug, page.referral);
        if ('sealed' in page) {
          return reply.status(500).render('occupational-health/views/note-sealed.njk', {
            pageTitle: 'This note cannot be opened',
            backLink,
          });
        }
        const authors = await services.users.displayNames([
          page.note.authorUserId,
          ...page.addenda.map((a) => a.authorUserId),
        ]);
        return reply.render('occupational-health/views/note.njk', {
          pageTitle: `Clinical note: ${page.referral.personName}`,
          personName: page.referral.personName,
          note: { ...page.note, author: authors.get(page.note.authorUserId) ?? '' },
          appointment: page.appointment,
          addenda: page.addenda.map((a) => ({ ...a, author: authors.get(a.authorUserId) ?? '' })),
          addendumHref: ohPaths.service.addendum.build({
            org: organisation.slug,
            referralId: page.referral.id,
            noteId: page.note.id,
          }),
          backLink,
        });
      },
    );

    async function showAddendum(request: FastifyRequest, reply: FastifyReply) {
      const organisation = organisationOf(request);
      const body = formBody(request);
      const posted = request.method === 'POST';
      const errors: FieldError[] = [];
      const text = posted ? noteText(body, errors, 'addendum') : '';
      const outcome = await inCase(request, async (db, referral) => {
        const note = await rootNote(db, request, referral);
        if (!posted || errors.length > 0) return { referral, note, errors };
        const addendumId = await insertNote(db, services.ohNotesKey, {
          organisationId: referral.organisationId,
          referralId: referral.id,
          appointmentId: null,
          addendumTo: note.id,
          authorUserId: userIdOf(request),
          text,
        });
        await audit(db, request, {
          action: 'oh-note.addendum-written',
          subjectType: 'oh_note',
          subjectId: addendumId,
          detail: { organisationId: referral.organisationId, referralId: referral.id, addendumTo: note.id },
        });
        return { referral, note, errors, addendumId };
      });
      const noteHref = ohPaths.service.note.build({
        org: organisation.slug,
        referralId: outcome.referral.id,
        noteId: outcome.note.id,
      });
      if ('addendumId' in outcome) {
        request.session.set('flash', { title: 'The addendum is added to the note' });
        return reply.redirect(noteHref);
      }
      const authors = await services.users.displayNames([outcome.note.authorUserId]);
      return reply.status(errors.length > 0 ? 400 : 200).render('occupational-health/views/addendum.njk', {
        pageTitle: `Add to a clinical note: ${outcome.referral.personName}`,
        personName: outcome.referral.personName,
        note: { writtenAt: outcome.note.writtenAt, author: authors.get(outcome.note.authorUserId) ?? '' },
        errors,
        values: { text },
        backLink: noteHref,
      });
    }

    app.get(
      ohPaths.service.addendum.pattern,
      { config: { access: CLINICAL, audit: 'oh-case.viewed' } },
      showAddendum,
    );
    app.post(ohPaths.service.addendum.pattern, { config: { access: CLINICAL } }, showAddendum);
  };
}

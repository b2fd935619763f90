/**
 * The clinical notes on the case page, for the OH service's clinicians only: who wrote each note
 * and when, how many addenda it has, and the link to read it (each read is audited there). The
 * text is never listed. OH admin, the referrer, HR and the employee get no section at all.
 */
import { usersRepository } from '../auth/users-repository.ts';
import { caseSections, type SectionContext } from './case-sections.ts';
import { heldByService } from './note-pages.ts';
import { ohPaths } from './occupational-health-paths.ts';
import { notesOfCase } from './notes-repository.ts';

export async function loadNotesSection(context: SectionContext) {
  const { referral, organisationSlug: org } = context;
  if (context.viewer !== 'service' || !context.clinician) return null;
  if (!heldByService(referral, referral.providerOrganisationId)) return null;
  const notes = await notesOfCase(context.db, referral.organisationId, referral.id);
  // Read in the page's own transaction (the embedded database has one connection).
  const authors = await usersRepository(context.db).displayNames(notes.map((n) => n.authorUserId));
  return {
    notes: notes.map((n) => ({
      writtenAt: n.writtenAt,
      author: authors.get(n.authorUserId) ?? '',
      addenda: n.addenda,
      href: ohPaths.service.note.build({ org, referralId: referral.id, noteId: n.id }),
    })),
    newNoteHref:
      referral.status === 'accepted' ? ohPaths.service.newNote.build({ org, referralId: referral.id }) : null,
  };
}

caseSections.push({ template: 'occupational-health/views/_notes-section.njk', load: loadNotesSection });

/** Issued letters, on screen to print and as a PDF: the caseworker's view and the person's own. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LETTER_KINDS, type LetterKind } from '../../domain/letters.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../web/access-control.ts';
import { ukDate } from '../../domain/date-words.ts';
import { paths } from '../../web/paths.ts';
import { idParam, organisationOf, ownPersonId } from '../../web/request-context.ts';
import { readCaseworkRecord } from '../people/casework-access.ts';
import { attendanceCasesRepository, type Letter } from './attendance-cases-repository.ts';
import { letterPdf } from './letter-pdf.ts';
import { CASEWORK, CASEWORK_RECORD } from './page-support.ts';

const SELF = { kind: 'permission', permission: 'attendance.self-service' } as const;

/** A file name for a letter that says what it is: “invitation-letter-amelia-brown-2026-12-07.pdf”. */
export function letterFileName(letter: Pick<Letter, 'kind' | 'issuedOn'>, personName: string): string {
  const slug = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  return `${slug(`${letter.kind} letter ${personName}`)}-${letter.issuedOn}.pdf`;
}

/** The letter as an A4 PDF to keep or print. */
async function sendLetterFile(
  reply: FastifyReply,
  letter: Letter,
  organisationName: string,
  personName: string,
) {
  const pdf = await letterPdf({
    organisationName,
    dateInWords: ukDate(letter.issuedOn),
    addressee: personName,
    subject: letter.subject,
    body: letter.body,
  });
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="${letterFileName(letter, personName)}"`)
    .header('cache-control', 'no-store')
    .send(pdf);
}

export function registerLetterPages(app: FastifyInstance, services: Services) {
  const { database } = services;

  async function readLetter(request: FastifyRequest, event: string) {
    const organisation = organisationOf(request);
    const personId = idParam(request, 'personId');
    const letterId = idParam(request, 'letterId');
    return readCaseworkRecord(
      database,
      request,
      personId,
      async (db) => {
        const letter = await attendanceCasesRepository(db, organisation.id).letter(letterId);
        if (!letter || letter.personId !== personId) throw notFound();
        return letter;
      },
      () => ({ action: event, subjectType: 'letter', subjectId: letterId }),
    );
  }

  app.get(
    paths.organisation.letter.pattern,
    { config: { access: CASEWORK, record: CASEWORK_RECORD, audit: 'letter.viewed' } },
    async (request, reply) => {
      const organisation = organisationOf(request);
      const page = await readLetter(request, 'letter.viewed');
      const letter = page.data;
      return reply.render('attendance-cases/views/letter.njk', {
        pageTitle: letter.subject,
        caption: page.who.name,
        letter: { ...letter, kindName: LETTER_KINDS[letter.kind as LetterKind] ?? letter.kind },
        sheet: { organisationName: organisation.name, addressee: page.who.name, issuedOn: letter.issuedOn },
        downloadHref: paths.organisation.letterDownload.build({
          org: organisation.slug,
          personId: letter.personId,
          letterId: letter.id,
        }),
        backLink: paths.organisation.stageMeeting.build({
          org: organisation.slug,
          personId: letter.personId,
          caseId: letter.caseId,
          meetingId: letter.meetingId,
        }),
      });
    },
  );

  app.get(
    paths.organisation.letterDownload.pattern,
    { config: { access: CASEWORK, record: CASEWORK_RECORD, audit: 'letter.downloaded' } },
    async (request, reply) => {
      const page = await readLetter(request, 'letter.downloaded');
      return sendLetterFile(reply, page.data, organisationOf(request).name, page.who.name);
    },
  );

  async function myLetter(request: FastifyRequest) {
    const organisation = organisationOf(request);
    const personId = ownPersonId(request);
    const letterId = idParam(request, 'letterId');
    const letter = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
      attendanceCasesRepository(db, organisation.id).letter(letterId),
    );
    if (!letter || letter.personId !== personId) throw notFound();
    return letter;
  }

  app.get(paths.organisation.myLetter.pattern, { config: { access: SELF } }, async (request, reply) => {
    const organisation = organisationOf(request);
    const letter = await myLetter(request);
    return reply.render('attendance-cases/views/letter.njk', {
      pageTitle: letter.subject,
      caption: 'A letter to you',
      letter: { ...letter, kindName: LETTER_KINDS[letter.kind as LetterKind] ?? letter.kind },
      sheet: {
        organisationName: organisation.name,
        addressee: request.principal?.displayName ?? '',
        issuedOn: letter.issuedOn,
      },
      downloadHref: paths.organisation.myLetterDownload.build({
        org: organisation.slug,
        letterId: letter.id,
      }),
      backLink: paths.organisation.myAttendance.build({ org: organisation.slug }),
    });
  });

  app.get(paths.organisation.myLetterDownload.pattern, { config: { access: SELF } }, async (request, reply) =>
    sendLetterFile(
      reply,
      await myLetter(request),
      organisationOf(request).name,
      request.principal?.displayName ?? '',
    ),
  );
}

import type { FastifyInstance } from 'fastify';
import { ABSENCE_TYPE_NAMES } from '../../domain/absence-rules.ts';
import { ukDate } from '../../domain/date-words.ts';
import type { Services } from '../../services.ts';
import { paths } from '../../web/paths.ts';
import type { OrganisationContext } from '../../web/types.ts';
import { uploadedFile, uploadRowLimit } from '../../web/uploads.ts';
import { organisationOf } from '../../web/request-context.ts';
import { pendingImportsRepository } from '../imports/pending-imports-repository.ts';
import { formatProblem } from '../../domain/csv-problems.ts';
import { absencesCsvTemplate, parseAbsencesCsv, type AbsenceRow } from './absences-csv.ts';
import { sendCsvTemplate } from '../imports/csv-template.ts';
import { previewList } from '../imports/import-preview.ts';
import { importAbsences, importParsedAbsences } from './absences-import.ts';
import { parseRecordId } from '../../web/record-ids.ts';
import { registerMyAbsencePages } from './my-absence-pages.ts';
import { registerRecordAbsencePages } from './record-absence-pages.ts';
import { registerTeamPage } from './team-page.ts';

/**
 * Absences: the person page with their absence, the employee's own absence and sickness reports,
 * the manager's team, recording and changing someone's absence, and importing absences from CSV.
 */
export function absencesRoutes(services: Services) {
  const { database } = services;

  return async (app: FastifyInstance) => {
    registerMyAbsencePages(app, services);
    registerTeamPage(app, services);
    registerRecordAbsencePages(app, services);

    // ------------------------------------------------------------ CSV upload: preview, then confirm

    const importPage = (organisation: OrganisationContext) => ({
      pageTitle: 'Import absences from a CSV file',
      action: paths.organisation.absencesImport.build({ org: organisation.slug }),
      backLink: paths.organisation.people.build({ org: organisation.slug }),
      templateHref: paths.organisation.absencesImportTemplate.build({ org: organisation.slug }),
    });

    app.get(
      paths.organisation.absencesImport.pattern,
      { config: { access: { kind: 'permission', permission: 'absences.import' } } },
      async (request, reply) =>
        reply.render('absences/views/import-upload.njk', importPage(organisationOf(request))),
    );

    app.get(
      paths.organisation.absencesImportTemplate.pattern,
      { config: { access: { kind: 'permission', permission: 'absences.import' } } },
      async (_request, reply) => sendCsvTemplate(reply, 'absences-template.csv', absencesCsvTemplate()),
    );

    app.post(
      paths.organisation.absencesImport.pattern,
      { config: { access: { kind: 'permission', permission: 'absences.import' } } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const upload = uploadedFile(request, 'absences.csv');
        if (!upload || upload.content.length === 0) {
          return reply.status(400).render('absences/views/import-upload.njk', {
            ...importPage(organisation),
            errors: [{ text: 'Select a CSV file of absences to import', href: '#file' }],
          });
        }
        const parsed = await parseAbsencesCsv(
          upload.content,
          uploadRowLimit('with the command line (wellwork import absences)'),
        );
        const result = await importParsedAbsences(services, organisation.id, parsed, {
          dryRun: true,
          userId: request.principal?.userId ?? null,
        });
        if (!result.ok) {
          return reply.status(400).render('absences/views/import-upload.njk', {
            ...importPage(organisation),
            fileName: upload.fileName,
            problems: result.problems,
            problemLines: result.problems.map((p) => formatProblem(p, upload.fileName)),
            errors: [
              {
                text: `${upload.fileName} has ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}: fix them and upload the file again. Nothing has been imported.`,
                href: '#problems',
              },
            ],
          });
        }
        const pendingId = await database.scoped({ organisationIds: [organisation.id] }, (db) =>
          pendingImportsRepository(db, organisation.id).save({
            userId: request.principal?.userId ?? 0,
            kind: 'absences',
            fileName: upload.fileName,
            rows: parsed.ok ? parsed.rows : [],
          }),
        );
        const added = new Set(result.summary.rowsAdded);
        return reply.render('absences/views/import-preview.njk', {
          pageTitle: 'Check the import',
          fileName: upload.fileName,
          summary: result.summary,
          creations: [
            previewList(
              'absences-to-add',
              'Absences to add',
              (parsed.ok ? parsed.rows : [])
                .filter((r) => added.has(r.row))
                .map((r) => ({ text: absenceToAdd(r) })),
            ),
          ],
          rows: parsed.ok ? parsed.rows.slice(0, 20) : [],
          rowCount: parsed.ok ? parsed.rows.length : 0,
          pendingId,
          confirmAction: paths.organisation.absencesImportConfirm.build({ org: organisation.slug }),
          backLink: paths.organisation.absencesImport.build({ org: organisation.slug }),
        });
      },
    );

    app.post(
      paths.organisation.absencesImportConfirm.pattern,
      {
        config: { access: { kind: 'permission', permission: 'absences.import' }, audit: 'absences.imported' },
      },
      async (request, reply) => {
        const organisation = organisationOf(request);
        // 0 names no pending import: the value sent is not a record id.
        const pendingId =
          parseRecordId((request.body as { pendingId?: unknown } | undefined)?.pendingId) ?? 0;
        const userId = request.principal?.userId ?? 0;
        const pending = Number.isSafeInteger(pendingId)
          ? await database.scoped({ organisationIds: [organisation.id] }, (db) =>
              pendingImportsRepository(db, organisation.id).find<AbsenceRow>(pendingId, userId, 'absences'),
            )
          : null;
        if (!pending) {
          return reply.status(400).render('absences/views/import-upload.njk', {
            ...importPage(organisation),
            errors: [
              {
                text: 'That import has already been done or has expired: upload the file again',
                href: '#file',
              },
            ],
          });
        }
        const result = await importAbsences(services, organisation.id, pending.rows, { userId });
        if (!result.ok) {
          return reply.status(400).render('absences/views/import-upload.njk', {
            ...importPage(organisation),
            fileName: pending.fileName,
            problems: result.problems,
            errors: [
              {
                text: 'The file can no longer be imported as it is: nothing has been imported',
                href: '#problems',
              },
            ],
          });
        }
        await database.scoped({ organisationIds: [organisation.id] }, (db) =>
          pendingImportsRepository(db, organisation.id).discard(pendingId),
        );
        const s = result.summary;
        request.session.set('flash', {
          title: `Imported ${pending.fileName}`,
          text: `${s.created} absences added, ${s.updated} updated, ${s.unchanged} unchanged.`,
        });
        return reply.redirect(paths.organisation.absencesImport.build({ org: organisation.slug }));
      },
    );
  };
}

/** An absence a file adds, in words: "E1001: sickness from 12 January 2026 to 14 January 2026". */
function absenceToAdd(row: AbsenceRow): string {
  const type = ABSENCE_TYPE_NAMES[row.type].toLowerCase();
  const to = row.endDate ? ` to ${ukDate(row.endDate)}` : ', ongoing';
  return `${row.employeeNumber}: ${type} from ${ukDate(row.startDate)}${to}`;
}

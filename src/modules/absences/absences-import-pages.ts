import { ABSENCE_TYPE_NAMES } from '../../domain/absence-rules.ts';
import { ukDate } from '../../domain/date-words.ts';
import type { Services } from '../../services.ts';
import { paths } from '../../web/paths.ts';
import { csvImportPages } from '../imports/csv-import-pages.ts';
import { previewList } from '../imports/import-preview.ts';
import { absencesCsvTemplate, parseAbsencesCsv, type AbsenceRow } from './absences-csv.ts';
import { importAbsences, importParsedAbsences } from './absences-import.ts';

/**
 * Importing absences from a CSV file: its upload page, the preview naming each absence it adds,
 * and the confirmation.
 */
export function absencesImportPages(services: Services) {
  const { database } = services;
  return csvImportPages<AbsenceRow>(database, {
    kind: 'absences',
    permission: 'absences.import',
    audit: 'absences.imported',
    paths: {
      upload: paths.organisation.absencesImport,
      confirm: paths.organisation.absencesImportConfirm,
      template: paths.organisation.absencesImportTemplate,
    },
    upload: {
      view: 'absences/views/import-upload.njk',
      pageTitle: 'Import absences from a CSV file',
      fileName: 'absences.csv',
      noFile: 'Select a CSV file of absences to import',
      largerFiles: 'with the command line (wellwork import absences)',
      backLink: (org) => paths.organisation.people.build({ org }),
    },
    template: { fileName: 'absences-template.csv', csv: () => absencesCsvTemplate() },
    previewView: 'absences/views/import-preview.njk',
    async check(content, limit, { organisation, userId }) {
      const parsed = await parseAbsencesCsv(content, limit);
      const result = await importParsedAbsences(services, organisation.id, parsed, {
        dryRun: true,
        userId,
      });
      if (!result.ok) return result;
      const rows = parsed.ok ? parsed.rows : [];
      const added = new Set(result.summary.rowsAdded);
      return {
        ok: true,
        rows,
        preview: {
          summary: result.summary,
          creations: [
            previewList(
              'absences-to-add',
              'Absences to add',
              rows.filter((r) => added.has(r.row)).map((r) => ({ text: absenceToAdd(r) })),
            ),
          ],
        },
      };
    },
    async apply(rows, { organisation, userId }) {
      const result = await importAbsences(services, organisation.id, rows, { userId });
      if (!result.ok) return result;
      const s = result.summary;
      return {
        ok: true,
        done: `${s.created} absences added, ${s.updated} updated, ${s.unchanged} unchanged.`,
      };
    },
    afterImport: (org) => paths.organisation.absencesImport.build({ org }),
  });
}

/** An absence a file adds, in words: "E1001: sickness from 12 January 2026 to 14 January 2026". */
function absenceToAdd(row: AbsenceRow): string {
  const type = ABSENCE_TYPE_NAMES[row.type].toLowerCase();
  const to = row.endDate ? ` to ${ukDate(row.endDate)}` : ', ongoing';
  return `${row.employeeNumber}: ${type} from ${ukDate(row.startDate)}${to}`;
}

import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { paths } from '../../web/paths.ts';
import { csvImportPages } from '../imports/csv-import-pages.ts';
import {
  previewList,
  similarUnitQuestion,
  staffGroupsToCreateList,
  unitsToCreateList,
} from '../imports/import-preview.ts';
import { parsePeopleCsv, peopleCsvTemplate, type PersonRow } from './people-csv.ts';
import { importParsedPeople, importPeople } from './people-import.ts';
import { staffGroupOptions } from './people-service.ts';

/**
 * Importing people from a CSV file: its upload page, the preview naming the people, units and
 * staff groups it adds (asking about names a slip away from one the organisation has), and the
 * confirmation.
 */
export function peopleImportPages(services: Services) {
  const { database } = services;
  return csvImportPages<PersonRow>(database, {
    kind: 'people',
    permission: 'people.import',
    audit: 'people.imported',
    paths: {
      upload: paths.organisation.peopleImport,
      confirm: paths.organisation.peopleImportConfirm,
      template: paths.organisation.peopleImportTemplate,
    },
    upload: {
      view: 'people/views/import-upload.njk',
      pageTitle: 'Import people from a CSV file',
      fileName: 'people.csv',
      noFile: 'Select a CSV file of people to import',
      largerFiles: 'with the command line (wellwork import people) or through the API',
      backLink: (org) => paths.organisation.people.build({ org }),
    },
    template: {
      fileName: 'people-template.csv',
      // The example is in one of the organisation's own staff groups, once it has some.
      csv: async ({ organisation }) =>
        peopleCsvTemplate(
          await database.scoped({ organisationIds: [organisation.id] }, (db) =>
            staffGroupOptions(db, organisation.id),
          ),
        ),
    },
    previewView: 'people/views/import-preview.njk',
    async check(content, limit, { organisation }) {
      const parsed = await parsePeopleCsv(content, limit);
      const result = await importParsedPeople(services, organisation.id, parsed, {
        dryRun: true,
        today: today(),
      });
      if (!result.ok) return result;
      const rows = parsed.ok ? parsed.rows : [];
      const summary = result.summary;
      const nameOf = new Map(rows.map((r) => [r.employeeNumber, `${r.firstName} ${r.lastName}`]));
      return {
        ok: true,
        rows,
        preview: {
          summary,
          creations: [
            previewList(
              'people-to-add',
              'People to add',
              summary.peopleAdded.map((number) => ({ text: `${nameOf.get(number) ?? ''} (${number})` })),
            ),
            unitsToCreateList(summary.unitsToCreate, summary.similarUnits),
            staffGroupsToCreateList(summary.staffGroupsToCreate, summary.similarStaffGroups),
          ],
          similarNames: [...summary.similarUnits, ...summary.similarStaffGroups].map(similarUnitQuestion),
        },
      };
    },
    async apply(rows, { organisation }) {
      const result = await importPeople(services, organisation.id, rows, { today: today() });
      if (!result.ok) return result;
      const s = result.summary;
      return {
        ok: true,
        done: `${s.created} people added, ${s.updated} updated, ${s.unchanged} unchanged, ${s.unitsCreated} units created.`,
      };
    },
    afterImport: (org) => paths.organisation.people.build({ org }),
  });
}

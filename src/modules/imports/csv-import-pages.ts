import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CsvProblem, RowLimit } from '../../domain/csv-problems.ts';
import type { Database } from '../../db/database.ts';
import { parseRecordId } from '../../web/record-ids.ts';
import { organisationOf, userIdOf } from '../../web/request-context.ts';
import type { OrganisationContext } from '../../web/types.ts';
import { uploadedFile, uploadRowLimit } from '../../web/uploads.ts';
import { sendCsvTemplate } from './csv-template.ts';
import { pendingImportsRepository } from './pending-imports-repository.ts';

/** A page of an organisation, e.g. `/o/:org/people-import`. */
interface OrganisationPath {
  readonly pattern: string;
  build(params: { org: string }): string;
}

/** Who is importing, and into which organisation. */
export interface ImportContext {
  organisation: OrganisationContext;
  userId: number;
}

/**
 * An uploaded file after its check: every problem it has, or its rows, checked against the
 * organisation's records, with what the preview shows of what importing them would do.
 */
export type CheckedFile<Row> =
  | { ok: false; problems: CsvProblem[] }
  | {
      ok: true;
      rows: Row[];
      /** What the preview page shows besides the rows: the summary and the lists of what is new. */
      preview: Record<string, unknown>;
    };

/** A confirmed import: its problems if the records changed since the preview, or what it did. */
export type ImportOutcome = { ok: false; problems: CsvProblem[] } | { ok: true; done: string };

/**
 * One CSV import of an organisation's records (people, absences, …): upload a file, see what it
 * would do, confirm. The flow is the same for every import — nothing is written until the person
 * confirms, a file with problems lists every one of them, and confirming imports the rows checked
 * for the preview without reading the file again — so an import says only what is its own.
 */
export interface CsvImport<Row> {
  /** The kind of the pending import, so that a preview of one import cannot confirm another. */
  kind: string;
  /** The permission the pages check: one a module declares. */
  permission: string;
  /** The audit event of a confirmed import. */
  audit: string;
  paths: { upload: OrganisationPath; confirm: OrganisationPath; template: OrganisationPath };
  upload: {
    /** The upload page's view, which says what the file must contain. */
    view: string;
    pageTitle: string;
    /** The name to show for an upload that gives none, e.g. `people.csv`. */
    fileName: string;
    /** What to say when the form is sent without a file. */
    noFile: string;
    /** How else a file longer than an upload may have can be imported, e.g. "with the command line". */
    largerFiles: string;
    /** Where the upload page leads back to. */
    backLink(org: string): string;
  };
  template: { fileName: string; csv(context: ImportContext): string | Promise<string> };
  /** The preview page's view, which shows the first rows. */
  previewView: string;
  /** Reads and checks an uploaded file against the organisation's records, writing nothing. */
  check(content: Buffer, limit: RowLimit, context: ImportContext): Promise<CheckedFile<Row>>;
  /** Imports the rows checked for the preview, all or nothing. */
  apply(rows: Row[], context: ImportContext): Promise<ImportOutcome>;
  /** Where a confirmed import leads, with `done` as the message. */
  afterImport(org: string): string;
}

/** Rows the preview shows before "The first 20 rows". */
const PREVIEW_ROWS = 20;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * Registers an import's pages: the upload page and its template, the preview (the upload
 * form's answer) and the confirmation.
 */
export function csvImportPages<Row>(database: Database, definition: CsvImport<Row>) {
  const { paths, upload } = definition;
  const access = { kind: 'permission', permission: definition.permission } as const;
  const pending = <T>(
    organisationId: number,
    work: (repository: ReturnType<typeof pendingImportsRepository>) => Promise<T>,
  ) =>
    database.scoped({ organisationIds: [organisationId] }, (db) =>
      work(pendingImportsRepository(db, organisationId)),
    );

  /** What every rendering of the upload page shows: its title, form, template and way back. */
  const uploadPage = (org: string) => ({
    pageTitle: upload.pageTitle,
    action: paths.upload.build({ org }),
    templateHref: paths.template.build({ org }),
    backLink: upload.backLink(org),
  });

  const refuse = (reply: FastifyReply, org: string, page: Record<string, unknown>) =>
    reply.status(400).render(upload.view, { ...uploadPage(org), ...page });

  const contextOf = (organisation: OrganisationContext, userId: number): ImportContext => ({
    organisation,
    userId,
  });

  return async (app: FastifyInstance) => {
    app.get(paths.upload.pattern, { config: { access } }, async (request, reply) =>
      reply.render(upload.view, uploadPage(organisationOf(request).slug)),
    );

    app.get(paths.template.pattern, { config: { access } }, async (request, reply) => {
      const csv = await definition.template.csv(contextOf(organisationOf(request), userIdOf(request)));
      return sendCsvTemplate(reply, definition.template.fileName, csv);
    });

    app.post(paths.upload.pattern, { config: { access } }, async (request, reply) => {
      const organisation = organisationOf(request);
      const context = contextOf(organisation, userIdOf(request));
      const file = uploadedFile(request, upload.fileName);
      if (!file || file.content.length === 0) {
        return refuse(reply, organisation.slug, { errors: [{ text: upload.noFile, href: '#file' }] });
      }
      const checked = await definition.check(file.content, uploadRowLimit(upload.largerFiles), context);
      if (!checked.ok) {
        return refuse(reply, organisation.slug, {
          fileName: file.fileName,
          problems: checked.problems,
          errors: [
            {
              text: `${file.fileName} has ${plural(checked.problems.length, 'problem')}: fix them and upload the file again. Nothing has been imported.`,
              href: '#problems',
            },
          ],
        });
      }
      const pendingId = await pending(organisation.id, (repository) =>
        repository.save({
          userId: context.userId,
          kind: definition.kind,
          fileName: file.fileName,
          rows: checked.rows,
        }),
      );
      return reply.render(definition.previewView, {
        pageTitle: 'Check the import',
        fileName: file.fileName,
        ...checked.preview,
        rows: checked.rows.slice(0, PREVIEW_ROWS),
        rowCount: checked.rows.length,
        pendingId,
        confirmAction: paths.confirm.build({ org: organisation.slug }),
        backLink: paths.upload.build({ org: organisation.slug }),
      });
    });

    app.post(
      paths.confirm.pattern,
      { config: { access, audit: definition.audit } },
      async (request, reply) => {
        const organisation = organisationOf(request);
        const context = contextOf(organisation, userIdOf(request));
        // 0 names no pending import: the value sent is not a record id.
        const pendingId =
          parseRecordId((request.body as { pendingId?: unknown } | undefined)?.pendingId) ?? 0;
        const file = await pending(organisation.id, (repository) =>
          repository.find<Row>(pendingId, context.userId, definition.kind),
        );
        if (!file) {
          return refuse(reply, organisation.slug, {
            errors: [
              {
                text: 'That import has already been done or has expired: upload the file again',
                href: '#file',
              },
            ],
          });
        }
        const outcome = await definition.apply(file.rows, context);
        if (!outcome.ok) {
          return refuse(reply, organisation.slug, {
            fileName: file.fileName,
            problems: outcome.problems,
            errors: [
              {
                text: 'The file can no longer be imported as it is: nothing has been imported',
                href: '#problems',
              },
            ],
          });
        }
        await pending(organisation.id, (repository) => repository.discard(pendingId));
        request.session.set('flash', { title: `Imported ${file.fileName}`, text: outcome.done });
        return reply.redirect(definition.afterImport(organisation.slug));
      },
    );
  };
}

/**
 * What every management information page handler shares: reading the query string, the
 * organisation and audience of the request, the "About" lines of a download, and sending a
 * download after auditing it. Plain functions, so each page's routes stay a list of handlers.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { addDays, DATE_YEARS_TEXT, isRealDate } from '../../domain/dates.ts';
import type { Period } from '../../domain/scorecard.ts';
import { audienceFor, type Audience } from '../../domain/small-numbers.ts';
import { today } from '../../domain/today.ts';
import type { Services } from '../../services.ts';
import { audit } from '../../web/audit.ts';
import type { DataTable } from './data-table.ts';
import { downloadFile, downloadParameters, sendFile, type DownloadFormat } from './downloads.ts';
import type { MiOrganisation, UnitRef } from './mi-service.ts';
import { organisationRecordOf } from '../../web/request-context.ts';
import { parseRecordId } from '../../web/record-ids.ts';

/** Query-string values as a form sends them: empty fields are left out. */
export function queryValues(request: FastifyRequest): Record<string, string> {
  const query = request.query as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(query).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '',
    ),
  );
}

export const realDate = (label: string) =>
  z
    .string()
    .trim()
    .refine((v) => isRealDate(v), {
      message: `${label} must be a real date in the form YYYY-MM-DD ${DATE_YEARS_TEXT}, like 2025-04-01`,
    });

/** A unit chosen by its id, as the pages' unit lists send it. */
export const unitIdField = z
  .string()
  .trim()
  .refine((v) => parseRecordId(v) !== null, 'Choose a unit from the list')
  .optional();

/** A period's `from` and `to` beside the download's fields: pages add their own, then `withPeriodChecks`. */
export const periodFields = downloadParameters.extend({
  from: realDate('The start of the period'),
  to: realDate('The end of the period'),
});

/** The checks on a period of `from` and `to` fields: in order, within 2000–2100, at most 10 years. */
export function withPeriodChecks<T extends z.ZodType<{ from: string; to: string }>>(schema: T) {
  return schema
    .refine((q) => q.from <= q.to, {
      message: 'The end of the period must not be before its start',
      path: ['to'],
    })
    .refine((q) => q.from >= '2000-01-01' && q.to <= '2100-12-31', {
      message: 'The period must be between the years 2000 and 2100',
      path: ['from'],
    })
    .refine((q) => q.from > addDays(q.to, -3660), {
      message: 'The period must be no longer than 10 years',
      path: ['from'],
    });
}

/** Directorates and services to choose from (and the unit shown, if it is below them). */
export function unitChoices(units: readonly UnitRef[], current: UnitRef | null) {
  return units
    .filter((u) => u.depth <= 2 || u.id === current?.id)
    .map((u) => ({ value: String(u.id), text: u.path }));
}

/** The request helpers of the management information pages, for one set of services. */
export function miPageSupport(services: Services) {
  const organisationFor = (request: FastifyRequest): MiOrganisation => organisationRecordOf(request);

  function audienceOf(request: FastifyRequest, organisation: MiOrganisation): Audience {
    return audienceFor(request.principal?.grants ?? [], organisation.id);
  }

  function aboutLines(
    organisation: MiOrganisation,
    page: string,
    period: Period,
    audience: Audience,
    extra: [string, string][] = [],
  ): [string, string][] {
    return [
      ['Organisation', organisation.name],
      ['Page', page],
      ['Period', `${period.from} to ${period.to}`],
      ...extra,
      ['Produced on', today()],
      [
        'Definitions',
        'The figures are those of the absence report (hours method), defined in Wellwork’s specification, section 6.',
      ],
      [
        'Small numbers',
        audience === 'full'
          ? 'All numbers are shown (HR).'
          : 'Counts below 5 are shown as “fewer than 5”; groups of fewer than 5 people show no figures.',
      ],
    ];
  }

  /** Sends a download, first writing who downloaded what; a 400 page when the table asked for is not there. */
  async function download(
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      page: string;
      format: DownloadFormat;
      tableId: string | undefined;
      tables: DataTable[];
      fileStem: string;
      about: [string, string][];
    },
  ) {
    const file = await downloadFile(options);
    if ('problem' in file) {
      return reply.status(400).render('errors/bad-request.njk', {
        pageTitle: 'There is a problem',
        message: file.problem,
      });
    }
    await services.database.scoped({ organisationIds: [request.organisation?.id ?? 0] }, (db) =>
      audit(db, request, {
        action: 'management-information.downloaded',
        subjectType: options.page,
        subjectId: file.fileName,
        detail: { format: options.format, table: options.tableId ?? null },
      }),
    );
    return sendFile(reply, file);
  }

  return { organisationFor, audienceOf, aboutLines, download };
}
